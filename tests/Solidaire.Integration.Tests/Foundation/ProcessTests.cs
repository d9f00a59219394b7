using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    [Theory]
    [InlineData("RateLimiting__PerIpPerHour", "0", "PerIpPerHour")]
    [InlineData("PurgeSchedule", "", "PurgeSchedule")]
    [InlineData("OutboxSchedule", "every minute", "OutboxSchedule")]
    [InlineData("Email__FirstRetryDelay", "banana", "Email:FirstRetryDelay")]
    [InlineData("Staff__BootstrapCoordinators", "", "Staff:BootstrapCoordinators")]
    [InlineData("Complaints__Referents", "", "Complaints:Referents")]
    [InlineData("PersonalData__LookupKey", "@Microsoft.KeyVault(SecretUri=https://solidaire-kv.vault.azure.net/secrets/lookup-key/)", "PersonalData__LookupKey is a Key Vault reference the platform did not resolve")]
    [InlineData("Email__SendGridApiKey", "@Microsoft.KeyVault(VaultName=solidaire-kv;SecretName=sendgrid)", "Email__SendGridApiKey is a Key Vault reference the platform did not resolve")]
    public async Task AppWithABadSetting_StopsAtStartWithOneLineNamingIt(string variable, string value, string named)
    {
        var environment = await EnvironmentAsync();
        environment[variable] = value;
        await using var app = AppProcess.Start(environment);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.Process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, app.Process.ExitCode);
        Assert.Contains("Solidaire cannot start", app.Output, StringComparison.Ordinal);
        Assert.Contains(named, app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppAskedToStop_WithSigint_ExitsCleanly()
    {
        await using var app = AppProcess.Start(await EnvironmentAsync());
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        // A job started in the background of a non-interactive shell inherits SIGINT ignored, and the app,
        // like any Unix program, keeps it so: Ctrl+C cannot reach it there. Then ask as a service manager would.
        var signal = SigintIgnoredHere() ? "-TERM" : "-INT";
        using (var kill = Process.Start("kill", [signal, app.Process.Id.ToString()]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await app.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The app did not stop within 60 s of kill {signal}. Its output:\n" + app.Output);
        }

        Assert.Equal(0, app.Process.ExitCode);
    }

    /// <summary>Whether this test process (and so the app it starts) has SIGINT ignored (/proc/self/status SigIgn, bit 2).</summary>
    private static bool SigintIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    [Fact]
    public async Task AppStarted_PrintsTheAddressItReallyListensOn()
    {
        await using var app = AppProcess.Start(await EnvironmentAsync());

        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        Assert.Contains($"Solidaire is listening on http://127.0.0.1:{app.Port} ", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(":7071", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppWhosePortIsTaken_StopsAtStartWithOneLineNamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var app = AppProcess.Start(await EnvironmentAsync(), port);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.Process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, app.Process.ExitCode);
        Assert.Equal($"Solidaire cannot start: port {port} is in use (--urls to choose another)", app.Output.Trim());
    }
}
