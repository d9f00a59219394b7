using System.Reflection;

namespace Solidaire.Infra.Tests.Support;

/// <summary>The files under test, found from the repository root the build wrote into this assembly.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    internal static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata: rebuild the project.");

    private static string FindRoot()
    {
        var root = Metadata("RepositoryRoot");
        if (!File.Exists(Path.Combine(root, "infra", "main.bicep")))
            throw new InvalidOperationException($"No infra/main.bicep under the repository root {root}.");
        return root;
    }
}
