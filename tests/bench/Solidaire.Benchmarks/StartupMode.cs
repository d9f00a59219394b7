using System.Diagnostics;
using System.Globalization;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>
/// Process start to the first 200 on /api/health: the app in standalone mode over Azurite against a
/// minimal ASP.NET Core app (tests/bench/Solidaire.MinimalHealth), each as built (JIT) and as published
/// with ReadyToRun, the four interleaved in every round so that the machine's load weighs on each alike.
/// The app's ReadyToRun image is the one Azure gets: a plain <c>dotnet publish -c Release</c> of the
/// functions project (its csproj asks for linux-x64 ReadyToRun on publish), checked to be precompiled.
/// </summary>
internal static class StartupMode
{
    public const int DefaultRounds = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private sealed record Variant(string Name, string Dll, bool NeedsStorage);

    public static async Task<int> RunAsync(int rounds)
    {
        await using var azurite = await Azurite.StartAsync();
        var work = Directory.CreateTempSubdirectory("solidaire-bench-startup-").FullName;
        var settings = TestSettings.AsEnvironment(TestSettings.For(azurite.ConnectionString, TestSettings.NewTablePrefix(), work));
        var minimalOutput = Path.Combine(RepoPaths.Root, "tests", "bench", "Solidaire.MinimalHealth", "bin", RepoPaths.Configuration, "net10.0");

        Progress("publishing the app as Azure gets it and the minimal app with ReadyToRun (linux-x64, framework-dependent)");
        var appR2R = await PublishAsync(Path.Combine(RepoPaths.Root, "functions", "Solidaire.Functions.csproj"), Path.Combine(work, "app-r2r"));
        var minimalR2R = await PublishAsync(Path.Combine(RepoPaths.Root, "tests", "bench", "Solidaire.MinimalHealth", "Solidaire.MinimalHealth.csproj"), Path.Combine(work, "minimal-r2r"),
            "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true");
        foreach (var (folder, dll) in new[] { (appR2R, "Solidaire.Functions.dll"), (minimalR2R, "Solidaire.MinimalHealth.dll") })
        {
            if (!IsReadyToRun(Path.Combine(folder, dll)))
                throw new InvalidOperationException($"{dll} as published is not ReadyToRun");
        }

        Variant[] variants =
        [
            new("minimal ASP.NET Core (JIT)", Path.Combine(minimalOutput, "Solidaire.MinimalHealth.dll"), false),
            new("app (JIT, as built)", Path.Combine(RepoPaths.FunctionsOutput, "Solidaire.Functions.dll"), true),
            new("minimal ASP.NET Core (R2R)", Path.Combine(minimalR2R, "Solidaire.MinimalHealth.dll"), false),
            new("app (R2R, Azure publish)", Path.Combine(appR2R, "Solidaire.Functions.dll"), true),
        ];
        var times = variants.ToDictionary(v => v, _ => new List<double>());
        // One start of each first, not counted: the files are in the page cache for every measured round.
        foreach (var variant in variants)
            await StartOnceAsync(variant, settings);
        for (var round = 0; round < rounds; round++)
        {
            Progress($"round {round + 1} of {rounds}");
            // Rotated each round, so that no variant always follows the same one.
            for (var i = 0; i < variants.Length; i++)
            {
                var variant = variants[(i + round) % variants.Length];
                times[variant].Add(await StartOnceAsync(variant, settings));
            }
        }

        Console.WriteLine($"Start-up: process start to first 200 on /api/health, {rounds} interleaved rounds after one unmeasured start of each; ratios to the minimal app of the same build kind");
        Console.WriteLine($"{"variant",-28} {"median ms",10} {"p99 ms",8} {"× minimal",10}");
        foreach (var (jit, minimal) in new[] { (variants[1], variants[0]), (variants[3], variants[2]) })
        {
            Row(minimal, times[minimal], null);
            Row(jit, times[jit], times[minimal]);
        }
        Console.WriteLine($"ReadyToRun against JIT, median: app {Stats.Median(times[variants[3]]) / Stats.Median(times[variants[1]]):0.00}, minimal app {Stats.Median(times[variants[2]]) / Stats.Median(times[variants[0]]):0.00}");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static void Row(Variant variant, List<double> times, List<double>? baseline)
    {
        var ratio = baseline is null ? "" : (Stats.Median(times) / Stats.Median(baseline)).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"{variant.Name,-28} {Stats.Median(times),10:0} {Stats.Percentile(times, 0.99),8:0} {ratio,10}");
    }

    private static async Task<double> StartOnceAsync(Variant variant, IDictionary<string, string> settings)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { variant.Dll, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        if (variant.NeedsStorage)
            foreach (var (k, v) in settings)
                start.Environment[k] = v;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri($"http://127.0.0.1:{port}/api/health");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < Timeout)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"{variant.Name} exited with code {process.ExitCode} before answering");
                try
                {
                    using var response = await http.GetAsync(health);
                    if (response.IsSuccessStatusCode)
                        return clock.Elapsed.TotalMilliseconds;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(10);
            }
            throw new TimeoutException($"{variant.Name} did not answer 200 on /api/health within {Timeout.TotalSeconds:0} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>True when the assembly carries precompiled native code (a ReadyToRun image), not IL alone.</summary>
    private static bool IsReadyToRun(string dll)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(dll));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static async Task<string> PublishAsync(string project, string output, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var option in options)
            start.ArgumentList.Add(option);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish {Path.GetFileName(project)} failed: {await stdout}{await stderr}");
        return output;
    }

    private static void Progress(string line) => Bench.Progress("startup: " + line);
}
