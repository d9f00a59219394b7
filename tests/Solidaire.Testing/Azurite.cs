using System.Diagnostics;

namespace Solidaire.Testing;

/// <summary>
/// A real Azurite Table service (the npm package pinned in package.json), in memory, on a free port.
/// One is shared by the whole test run; every test app uses its own table prefix. Given a data folder,
/// it persists there instead, so it can be stopped and started again with what it held.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private static readonly Lazy<Task<Azurite>> SharedInstance = new(() => StartAsync());

    private readonly Process _process;

    private Azurite(Process process, int port, string? location)
    {
        _process = process;
        Port = port;
        Location = location;
    }

    public int Port { get; }

    /// <summary>The data folder of a persistent Azurite; null when it keeps everything in memory.</summary>
    public string? Location { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static Task<Azurite> Shared => SharedInstance.Value;

    /// <param name="port">A given port (to bring storage up where an app already looks for it), or a free one.</param>
    /// <param name="location">A data folder to persist to (and read back from at start), or null to keep everything in memory.</param>
    public static async Task<Azurite> StartAsync(int? port = null, string? location = null)
    {
        if (!File.Exists(RepoPaths.AzuriteTable))
            throw new InvalidOperationException($"Azurite is not installed at {RepoPaths.AzuriteTable}: run ./test.sh (it runs npm ci).");
        for (var attempt = 1; ; attempt++)
        {
            var tablePort = port ?? FreePort.Next();
            var start = new ProcessStartInfo(RepoPaths.AzuriteTable)
            {
                ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(), "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (location is null)
                start.ArgumentList.Add("--inMemoryPersistence");
            else
            {
                start.ArgumentList.Add("--location");
                start.ArgumentList.Add(location);
            }
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                if (await FreePort.IsListeningAsync(tablePort))
                {
                    var azurite = new Azurite(process, tablePort, location);
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Kill();
                    return azurite;
                }
                await Task.Delay(100);
            }
            process.Kill(entireProcessTree: true);
            if (attempt == 3)
                throw new InvalidOperationException("Azurite did not start.");
        }
    }

    /// <summary>
    /// Stops it as an operator would (SIGINT): it stops listening and saves its data folder before it
    /// exits, so what it acknowledged is there when <see cref="StartAsync"/> brings it back on the same
    /// port and folder. (A kill would lose its last seconds: it saves to disk every 5 s.)
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var signal = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException("Azurite did not exit within 15 s of SIGINT.");
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
