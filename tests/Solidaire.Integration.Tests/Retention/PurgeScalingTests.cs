using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Intake;
using Solidaire.Core.Retention;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Retention;

/// <summary>
/// The purge reads only what is due (DESIGN.md, deadlines): its storage requests grow with the records
/// due, not with the records stored. Counted on the purge's own requests (an async-flow scope), with
/// 100 due among 1,000, then 100 due among 20,000 not yet due.
/// </summary>
public sealed class PurgeScalingTests(Xunit.Abstractions.ITestOutputHelper output) : AppTest
{
    // The purge runs only when the test says so (the next 29 February is out of reach of these clocks).
    protected override void Configure(IDictionary<string, string?> settings) => settings["PurgeSchedule"] = "0 0 0 29 2 *";

    [Fact]
    public async Task HundredDueSubjects_CostTheSameStorageRequests_AmongAThousand_AndAmongTwentyThousand_NotYetDue()
    {
        await NotYetDueAsync(1_000);
        await DueIntakesAsync(100, "first");
        var amongAThousand = await PurgeCostAsync();

        await NotYetDueAsync(19_000);
        await DueIntakesAsync(100, "second");
        var amongTwentyThousand = await PurgeCostAsync();

        // The time is printed, not asserted (this machine's load varies): tests/BENCHMARKS.md reports it.
        output.WriteLine($"100 due among 1,000: {amongAThousand.Destroyed} deadlines ran, {amongAThousand.Requests} storage requests, {amongAThousand.Milliseconds:0} ms; " +
            $"among 20,000: {amongTwentyThousand.Destroyed} ran, {amongTwentyThousand.Requests} requests, {amongTwentyThousand.Milliseconds:0} ms " +
            $"(time ratio {amongTwentyThousand.Milliseconds / amongAThousand.Milliseconds:0.00}).");
        Assert.Equal(20_000, (await StorageContents.AllAsync(App, Tables.Deadlines)).Count(d => d.GetString(DeadlineRows.Subject)!.StartsWith("stored-", StringComparison.Ordinal)));
        Assert.Equal(amongAThousand.Destroyed, amongTwentyThousand.Destroyed);
        Assert.True(amongAThousand.Destroyed >= 100, $"{amongAThousand.Destroyed} deadlines ran");
        Assert.Equal(amongAThousand.Requests, amongTwentyThousand.Requests);
    }

    /// <summary>Destructions of records that exist elsewhere, due in fifty years: what a large collective stores.</summary>
    private async Task NotYetDueAsync(int count)
    {
        var due = App.Time.GetUtcNow().AddYears(50);
        var store = App.Services.GetRequiredService<IDeadlineStore>();
        var deadlines = Enumerable.Range(0, count)
            .Select(i => Deadline.New(IntakeDestruction.Destroy, due.AddMinutes(i % 500), "c" + new string('0', 64), "stored-" + Guid.NewGuid().ToString("N")))
            .ToArray();
        foreach (var chunk in deadlines.Chunk(500))
            await store.ScheduleAsync(chunk, CancellationToken.None);
    }

    /// <summary>Real intakes (their rows, key, emails, queue entry), made due by the clock.</summary>
    private async Task DueIntakesAsync(int count, string round)
    {
        var intakes = App.Services.GetRequiredService<IntakeService>();
        for (var i = 0; i < count; i++)
        {
            using var body = JsonDocument.Parse(IntakeBodies.Valid($"due-{round}-{i}@example.org").ToJsonString());
            var form = IntakeForm.Parse(body.RootElement);
            Assert.True(form.IsSuccess);
            var submitted = await intakes.SubmitAsync(form.Value, null, CancellationToken.None);
            Assert.True(submitted.IsSuccess);
        }
        await SettledAsync();
        App.Time.Advance(TimeSpan.FromDays(91));
        await SettledAsync();
    }

    /// <summary>Waits until the app's background work (emails, indexing, timers the clock woke) is done.</summary>
    private async Task SettledAsync()
    {
        long seen;
        do
        {
            seen = App.StorageRequests;
            await Task.Delay(700);
        }
        while (App.StorageRequests != seen);
    }

    private async Task<(int Destroyed, long Requests, double Milliseconds)> PurgeCostAsync()
    {
        using var scope = StorageRequestCounter.BeginScope();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var destroyed = await App.Services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None);
        return (destroyed, scope.Count, clock.Elapsed.TotalMilliseconds);
    }
}
