using Solidaire.Core.Deadlines;
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
        var stage = new PurgeStage(App.Services, App.Time);
        await stage.NotYetDueAsync(1_000);
        await stage.DueIntakesAsync(100, "first");
        var amongAThousand = await stage.PurgeAsync();

        await stage.NotYetDueAsync(19_000);
        await stage.DueIntakesAsync(100, "second");
        var amongTwentyThousand = await stage.PurgeAsync();

        // The time is printed, not asserted (this machine's load varies): the benchmark's purge mode times it over repeats.
        output.WriteLine($"100 due among 1,000: {amongAThousand.Destroyed} deadlines ran, {amongAThousand.Requests} storage requests, {amongAThousand.Milliseconds:0} ms; " +
            $"among 20,000: {amongTwentyThousand.Destroyed} ran, {amongTwentyThousand.Requests} requests, {amongTwentyThousand.Milliseconds:0} ms " +
            $"(time ratio {amongTwentyThousand.Milliseconds / amongAThousand.Milliseconds:0.00}).");
        Assert.Equal(20_000, (await StorageContents.AllAsync(App, Tables.Deadlines)).Count(d => d.GetString(DeadlineRows.Subject)!.StartsWith(PurgeStage.NotYetDuePrefix, StringComparison.Ordinal)));
        Assert.Equal(amongAThousand.Destroyed, amongTwentyThousand.Destroyed);
        Assert.True(amongAThousand.Destroyed >= 100, $"{amongAThousand.Destroyed} deadlines ran");
        Assert.Equal(amongAThousand.Requests, amongTwentyThousand.Requests);
    }
}
