using System.Diagnostics;
using System.Text;

namespace Solidaire.Testing;

/// <summary>The built functions app run as its own process, as ./run.sh runs it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        Process = process;
        Port = port;
    }

    public Process Process { get; }
    public int Port { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static AppProcess Start(IDictionary<string, string> environment, int? port = null)
    {
        var p = port ?? FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(RepoPaths.FunctionsOutput, "Solidaire.Functions.dll"), "--urls", $"http://127.0.0.1:{p}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var (k, v) in environment)
            start.Environment[k] = v;
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, p);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>Polls /api/health until it answers 200; returns how long that took from process start.</summary>
    public async Task<TimeSpan> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var started = Process.StartTime.ToUniversalTime();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Process.HasExited)
                throw new InvalidOperationException("The app exited: " + Output);
            try
            {
                var response = await client.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                    return DateTime.UtcNow - started;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The app did not become healthy: " + Output);
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
        Process.Dispose();
    }
}
