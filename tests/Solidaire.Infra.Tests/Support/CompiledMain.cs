namespace Solidaire.Infra.Tests.Support;

/// <summary>infra/main.bicep compiled once by the real Bicep CLI, shared by every test that reads it.</summary>
public sealed class CompiledMain
{
    private readonly ArmTemplate? _template;

    public CompiledMain()
    {
        Build = Bicep.Run("build", "infra/main.bicep", "--stdout");
        if (Build.ExitCode == 0)
            _template = new ArmTemplate(Build.Stdout);
    }

    internal Bicep.Result Build { get; }

    /// <summary>What a deployment with the default test parameters would create (<see cref="Snapshot.Defaults"/>).</summary>
    internal Snapshot Snapshot => Snapshot.Of();

    /// <summary>The compiled template; throws with the compiler's message if it did not compile.</summary>
    internal ArmTemplate Template =>
        _template ?? throw new InvalidOperationException($"infra/main.bicep did not compile:\n{Build.Stderr}");
}

[CollectionDefinition(Name)]
public sealed class CompiledMainCollection : ICollectionFixture<CompiledMain>
{
    public const string Name = "infra/main.bicep compiled";
}
