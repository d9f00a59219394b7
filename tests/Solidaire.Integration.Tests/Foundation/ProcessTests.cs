using System.Diagnostics;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;
using Xunit.Abstractions;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>The built app, started as a plain process with no Functions host, as ./run.sh starts it.</summary>
public sealed class ProcessTests(ITestOutputHelper output)
{
    private static async Task<Dictionary<string, string>> EnvironmentAsync()
    {
        var work = Directory.CreateTempSubdirectory("solidaire-process-").FullName;
        return TestSettings.AsEnvironment(TestSettings.For((await Azurite.Shared).ConnectionString, TestSettings.NewTablePrefix(), work));
    }

    [Fact]
    public async Task AppStartedWithoutFunctionsHost_ServesHealthInStandaloneMode()
    {
        await using var app = AppProcess.Start(await EnvironmentAsync());

        var elapsed = await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"process start to first 200 on /api/health: {elapsed.TotalMilliseconds:F0} ms");
        Assert.Contains("standalone mode", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppWithInvalidSetting_StopsAtStart_NamingTheSetting()
    {
        var environment = await EnvironmentAsync();
        environment["RateLimiting__PerIpPerHour"] = "0";
        await using var app = AppProcess.Start(environment);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.Process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, app.Process.ExitCode);
        Assert.Contains("PerIpPerHour", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppAskedToStop_WithSigint_ExitsCleanly()
    {
        await using var app = AppProcess.Start(await EnvironmentAsync());
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        using (var kill = Process.Start("kill", ["-INT", app.Process.Id.ToString()]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.Process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, app.Process.ExitCode);
    }
}
