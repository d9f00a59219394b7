using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;
using Solidaire.Functions.Standalone;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>
/// The purge's time and storage requests as the stored subjects grow: 100 due subjects destroyed among
/// 1,000 and among 20,000 not yet due, the ratio of the two the figure (goal ≤ 1.1). Two apps are hosted
/// in this process over the same Azurite, each with tables and a fake clock of its own, one per size, and
/// their repeats interleaved (each size first every other time), so a drift over the run weighs on both.
/// Each app is hosted on its fake clock (the due subjects are real intakes made due by moving it 91 days;
/// the filler is stored straight into the deadlines table, batched), with the integration test's own
/// staging (<see cref="PurgeStage"/>); each repeat stages 100 new due intakes (not timed) and times one
/// run of the purge timer's work, its storage requests counted on its own async flow.
/// </summary>
internal static class PurgeMode
{
    public const int DefaultRepeats = 5;
    private const int Due = 100;
    private static readonly int[] Stored = [1_000, 20_000];

    // Each repeat moves the clock 91 days, and the purge's own timer must not fire meanwhile: its
    // schedule is 29 February, and the clock starts after the one of 2096; 2100 is no leap year, so
    // the next is 2104, 32 moves of 91 days on. Each app moves its own clock once for its warm-up and
    // once a repeat: at most 16 moves.
    private const string NeverBeforeLeapDay = "0 0 0 29 2 *";
    private static readonly DateTimeOffset ClockStart = new(2096, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public const int MaxRepeats = 15;

    public static async Task<int> RunAsync(int repeats)
    {
        var date = DateTimeOffset.UtcNow;
        await using var azurite = await Azurite.StartAsync();
        var apps = new List<PurgeApp>();
        try
        {
            foreach (var size in Stored)
                apps.Add(await PurgeApp.StartAsync(azurite.ConnectionString, size));
            foreach (var app in apps)
            {
                Bench.Progress($"storing {app.Size:N0} not-yet-due subjects (batched into that app's deadlines table)");
                var staging = Stopwatch.StartNew();
                await app.Stage.NotYetDueAsync(app.Size);
                app.StagingSeconds = staging.Elapsed.TotalSeconds;
                Bench.Progress($"warm-up: {Due} due intakes purged among {app.Size:N0}, not measured");
                await app.Stage.DueIntakesAsync(Due, "warm-up");
                await app.Stage.PurgeAsync();
            }
            for (var i = 0; i < repeats; i++)
            {
                // Interleaved, and each size first every other repeat: a drift of the machine or of Azurite
                // over the run weighs on both sizes alike, instead of on whichever ran second.
                foreach (var app in i % 2 == 0 ? apps : Enumerable.Reverse(apps))
                {
                    Bench.Progress($"repeat {i + 1} of {repeats}, among {app.Size:N0}: {Due} intakes submitted and made due (not timed), then one purge");
                    await app.Stage.DueIntakesAsync(Due, $"r{i}");
                    var run = await app.Stage.PurgeAsync();
                    if (run.Destroyed < Due)
                        throw new InvalidOperationException($"The purge ran {run.Destroyed} deadlines, fewer than the {Due} intakes made due: the run is aborted.");
                    app.Runs.Add(run);
                }
            }
            Print(date, repeats, apps.Select(a => (a.Size, a.Runs.ToArray(), a.StagingSeconds)).ToList());
        }
        finally
        {
            foreach (var app in apps)
                await app.DisposeAsync();
        }
        return 0;
    }

    /// <summary>One app hosted in this process, with tables and a clock of its own, holding one size of stored subjects.</summary>
    private sealed class PurgeApp(int size, Microsoft.AspNetCore.Builder.WebApplication app, PurgeStage stage, string work) : IAsyncDisposable
    {
        public int Size { get; } = size;
        public PurgeStage Stage { get; } = stage;
        public List<PurgeCost> Runs { get; } = [];
        public double StagingSeconds { get; set; }

        public static async Task<PurgeApp> StartAsync(string connectionString, int size)
        {
            var work = Directory.CreateTempSubdirectory("solidaire-bench-").FullName;
            var settings = TestSettings.For(connectionString, TestSettings.NewTablePrefix(), work);
            settings["PurgeSchedule"] = NeverBeforeLeapDay;
            settings["Logging:LogLevel:Default"] = "Warning";
            var time = new FakeTimeProvider(ClockStart);
            var app = StandaloneHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Services.AddSingleton<TimeProvider>(time);
            });
            await app.StartAsync();
            await app.Services.GetRequiredService<TableInitializer>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
            await app.Services.GetRequiredService<StaffBootstrap>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
            return new PurgeApp(size, app, new PurgeStage(app.Services, time), work);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Bench.DeleteWorkFolder(work);
        }
    }

    private static void Print(DateTimeOffset date, int repeats, List<(int Stored, PurgeCost[] Runs, double StagingSeconds)> results)
    {
        Console.WriteLine($"Solidaire purge scaling benchmark, {date:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Bench.Machine);
        Console.WriteLine("app hosted in this process over an in-memory Azurite, on a fake clock; one purge run = RetentionService.PurgeDueAsync, the purge timer's work");
        Console.WriteLine($"{Due} due subjects (real intakes, made due by moving the clock 91 days) among 1,000 and among 20,000 not-yet-due destructions stored, one app each over the same Azurite, their runs interleaved");
        Console.WriteLine($"{repeats} measured purge runs per size (each after {Due} new due intakes), after one unmeasured; p99 of {repeats} runs is their slowest");
        Console.WriteLine("requests: Table Storage requests of the purge's own async flow (StorageRequestCounter scope)");
        Console.WriteLine();
        Console.WriteLine($"{"stored",8} {"runs",5} {"ran",9} {"requests",12} {"median ms",10} {"p99 ms",8} {"staged s",9}");
        foreach (var (stored, runs, staging) in results)
        {
            var ms = runs.Select(r => r.Milliseconds).ToArray();
            Console.WriteLine($"{stored,8:N0} {runs.Length,5} {Range(runs.Select(r => (long)r.Destroyed)),9} {Range(runs.Select(r => r.Requests)),12} {Stats.Median(ms),10:0} {Stats.Percentile(ms, 0.99),8:0} {staging,9:0.0}");
        }
        var (small, large) = (results[0].Runs, results[^1].Runs);
        double Median(PurgeCost[] runs, Func<PurgeCost, double> of) => Stats.Median(runs.Select(of).ToArray());
        var timeRatio = Median(large, r => r.Milliseconds) / Median(small, r => r.Milliseconds);
        var p99Ratio = Stats.Percentile(large.Select(r => r.Milliseconds).ToArray(), 0.99) / Stats.Percentile(small.Select(r => r.Milliseconds).ToArray(), 0.99);
        var requestRatio = Median(large, r => r.Requests) / Median(small, r => r.Requests);
        Console.WriteLine();
        Console.WriteLine($"20,000 / 1,000: time median {timeRatio:0.00}, p99 {p99Ratio:0.00}; storage requests (median) {requestRatio:0.00}");
        Console.WriteLine($"goal: time ratio <= 1.1: {(timeRatio <= 1.1 ? "met" : "NOT met")} (median); requests equal: {(Math.Abs(requestRatio - 1) < 1e-9 ? "yes" : "NO")}");
    }

    private static string Range(IEnumerable<long> values)
    {
        var all = values.ToArray();
        return all.Min() == all.Max() ? $"{all.Min()}" : $"{all.Min()}–{all.Max()}";
    }
}
