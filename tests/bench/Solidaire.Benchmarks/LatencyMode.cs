using System.Diagnostics;
using System.Text;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>
/// Runs the built app as a process over an in-memory Azurite and measures, in interleaved rounds,
/// GET /api/health (one Table Storage round trip: the baseline) against POST /api/intakes (two
/// round trips, AES-GCM sealing and email rendering). Absolute times depend on the machine; the
/// ratio is what to compare between versions.
/// </summary>
internal static class LatencyMode
{
    public static async Task RunAsync(int rounds)
    {
        await using var azurite = await Azurite.StartAsync();
        var work = Directory.CreateTempSubdirectory("solidaire-bench-").FullName;
        var settings = Bench.AppSettings(azurite, work);
        await using var app = AppProcess.Start(TestSettings.AsEnvironment(settings));
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}") };

        async Task<double> HealthAsync()
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync("/api/health");
            response.EnsureSuccessStatusCode();
            return clock.Elapsed.TotalMilliseconds;
        }

        async Task<double> IntakeAsync(int i)
        {
            var body = $$"""
                {"firstName":"Bench","lastName":"Mark","email":"bench{{i}}@example.org","role":"manager",
                 "situation":"Situation de mesure numéro {{i}}, assez longue pour être valide.","preferredLanguage":"fr",
                 "consentToProcessing":true,"acknowledgesNotTherapy":true,"formDurationMs":60000}
                """;
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/intakes", new StringContent(body, Encoding.UTF8, "application/json"));
            if ((int)response.StatusCode != 202)
                throw new InvalidOperationException($"intake answered {(int)response.StatusCode}");
            return clock.Elapsed.TotalMilliseconds;
        }

        for (var i = 0; i < 20; i++)
        {
            await HealthAsync();
            await IntakeAsync(-1 - i);
        }

        var health = new List<double>();
        var intake = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            health.Add(await HealthAsync());
            intake.Add(await IntakeAsync(i));
        }

        static double P95(List<double> values) => Stats.Percentile(values, 0.95);

        Console.WriteLine($"rounds: {rounds} (interleaved, after 20 warm-up rounds)");
        Console.WriteLine($"GET /api/health   (baseline) median {Stats.Median(health):F2} ms, p95 {P95(health):F2} ms");
        Console.WriteLine($"POST /api/intakes            median {Stats.Median(intake):F2} ms, p95 {P95(intake):F2} ms");
        Console.WriteLine($"ratio intake/health: median {Stats.Median(intake) / Stats.Median(health):F2}, p95 {P95(intake) / P95(health):F2}");
        await app.DisposeAsync();
        Bench.DeleteWorkFolder(work);
    }
}
