using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Retention;
using Solidaire.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Retention;

/// <summary>Every personal record has a destruction date; the purge job destroys what is due (rule 10).</summary>
public sealed class PurgeTests : AppTest
{

    protected override void Configure(IDictionary<string, string?> settings) => settings["Retention:IntakeDays"] = "90";

    private async Task<string> SubmitAndDispatchAsync(string email)
    {
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid(email)));
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(App, Tables.IntakeQueue)).Any(q => q.GetString("Reference") == reference), "queued");
        return reference;
    }

    private Task PurgeAsync() =>
        App.Services.GetRequiredService<TimerScheduler>().RunNowAsync("PurgeExpired", CancellationToken.None);

    [Fact]
    public async Task IntakeWhoseRetentionEnded_IsDestroyedWithItsKeyEmailsAndMarkers_AndLeavesTheQueue()
    {
        var gone = await SubmitAndDispatchAsync("gone@example.org");
        App.Time.Advance(TimeSpan.FromDays(60));
        var kept = await SubmitAndDispatchAsync("kept@example.org");
        App.Time.Advance(TimeSpan.FromDays(31)); // the first is 91 days old, the second 31

        await PurgeAsync();

        var dossiers = await StorageContents.AllAsync(App, Tables.Dossiers);
        Assert.Single(dossiers, e => e.RowKey.StartsWith("intake|", StringComparison.Ordinal));
        Assert.Single(dossiers, e => e.RowKey.StartsWith("key|", StringComparison.Ordinal));
        Assert.Single(dossiers.Select(e => e.PartitionKey).Distinct());
        var queue = await App.Services.GetRequiredService<IntakeQueue>().ListAsync(10, CancellationToken.None);
        Assert.Equal([kept], queue.Select(q => q.Reference));
        Assert.Single(await StorageContents.AllAsync(App, Tables.Work), w => w.PartitionKey.StartsWith("destroy|", StringComparison.Ordinal));
        _ = gone;
    }

    [Fact]
    public async Task IntakeWhoseDateWasMovedLater_IsKept_WhenItsOldDeadlineComes()
    {
        await SubmitAndDispatchAsync("extended@example.org");
        var dossiers = App.Tables.Get(Tables.Dossiers);
        var intake = (await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|")).Single();
        // As a later rule (an engagement starting) would do: a new date on the record itself.
        intake["DestroyAt"] = App.Time.GetUtcNow().AddDays(365);
        await dossiers.UpdateEntityAsync(intake, intake.ETag, TableUpdateMode.Merge);
        App.Time.Advance(TimeSpan.FromDays(91));

        await PurgeAsync();

        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "key|"));
    }

    [Fact]
    public async Task Purge_ReadsOnlyDueDeadlines_AndDestroysNothingBeforeTheirTime()
    {
        await SubmitAndDispatchAsync("early@example.org");
        App.Time.Advance(TimeSpan.FromDays(89));
        // A purge with a client pipeline of its own, so that the app's own timers (woken by the
        // clock moving) do not count.
        var counter = new StorageRequestCounter();
        var tables = new Tables(App.Services.GetRequiredService<IOptions<StorageOptions>>(), counter);
        var purge = new RetentionService(tables, new IntakeQueue(tables), App.Time, NullLogger<RetentionService>.Instance);

        var destroyed = await purge.PurgeDueAsync(CancellationToken.None);

        Assert.Equal(0, destroyed);
        Assert.Equal(1, counter.Count);
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
    }
}
