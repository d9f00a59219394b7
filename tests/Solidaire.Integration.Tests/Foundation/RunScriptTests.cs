using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// ./run.sh as a person runs it on a first try. It builds the functions app into the folder other
/// tests run it from, so these run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(nameof(RunScriptTests), DisableParallelization = true)]
[Collection(nameof(RunScriptTests))]
public sealed class RunScriptTests
{
    private sealed class Script : IDisposable
    {
        private readonly StringBuilder _output = new();

        public Script(IDictionary<string, string> environment, params string[] args)
        {
            var start = new ProcessStartInfo("bash")
            {
                ArgumentList = { Path.Combine(RepoPaths.Root, "run.sh") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepoPaths.Root,
            };
            foreach (var a in args)
                start.ArgumentList.Add(a);
            foreach (var (k, v) in environment)
                start.Environment[k] = v;
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output { get { lock (_output) return _output.ToString(); } }

        private void Append(string? line)
        {
            if (line is not null)
                lock (_output)
                    _output.AppendLine(line);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
                Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }

    [Fact]
    public async Task AzuritePortTaken_FailsAtOnce_WithOneLineNamingThePortAndTheVariable()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        using var script = new Script(new Dictionary<string, string> { ["AZURITE_TABLE_PORT"] = port.ToString() });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await script.Process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, script.Process.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var line = Assert.Single(script.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"port {port}", line, StringComparison.Ordinal);
        Assert.Contains("AZURITE_TABLE_PORT", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithUrls_PrintsTheAddressTheAppListensOn_AndNoOther()
    {
        var settings = Path.Combine(RepoPaths.Root, "local.settings.json");
        var settingsExisted = File.Exists(settings);
        var appPort = FreePort.Next();
        var environment = new Dictionary<string, string> { ["AZURITE_TABLE_PORT"] = FreePort.Next().ToString() };
        try
        {
            using var script = new Script(environment, "--urls", $"http://127.0.0.1:{appPort}", $"--Storage:TablePrefix={TestSettings.NewTablePrefix()}");
            var listening = $"Solidaire is listening on http://127.0.0.1:{appPort} ";
            var deadline = Stopwatch.StartNew();
            while (!script.Output.Contains(listening, StringComparison.Ordinal) && !script.Process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(3))
                await Task.Delay(100);

            Assert.Contains(listening, script.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("7071", script.Output, StringComparison.Ordinal);
            using var client = new HttpClient();
            // Listening comes first; health says 200 once the tables are made too, a moment later.
            await Eventually.TrueAsync(
                async () => (await client.GetAsync($"http://127.0.0.1:{appPort}/api/health")).StatusCode == HttpStatusCode.OK,
                "health answers 200", TimeSpan.FromSeconds(30));
        }
        finally
        {
            // run.sh makes local.settings.json on a first run; leave the checkout as it was found.
            if (!settingsExisted)
            {
                File.Delete(settings);
                File.Delete(Path.Combine(RepoPaths.FunctionsOutput, "local.settings.json"));
            }
        }
    }
}
