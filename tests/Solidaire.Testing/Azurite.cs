using System.Diagnostics;

namespace Solidaire.Testing;

/// <summary>
/// A real Azurite Table service (the npm package pinned in package.json), in memory, on a free port.
/// One is shared by the whole test run; every test app uses its own table prefix.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private static readonly Lazy<Task<Azurite>> SharedInstance = new(() => StartAsync());

    private readonly Process _process;

    private Azurite(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static Task<Azurite> Shared => SharedInstance.Value;

    /// <param name="port">A given port (to bring storage up where an app already looks for it), or a free one.</param>
    public static async Task<Azurite> StartAsync(int? port = null)
    {
        if (!File.Exists(RepoPaths.AzuriteTable))
            throw new InvalidOperationException($"Azurite is not installed at {RepoPaths.AzuriteTable}: run ./test.sh (it runs npm ci).");
        for (var attempt = 1; ; attempt++)
        {
            var tablePort = port ?? FreePort.Next();
            var start = new ProcessStartInfo(RepoPaths.AzuriteTable)
            {
                ArgumentList = { "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(), "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
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
                    var azurite = new Azurite(process, tablePort);
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
