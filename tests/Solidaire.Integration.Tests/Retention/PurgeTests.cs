using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Storage;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

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

    private DossierId DossierOf(string email) => DossierId.ForEmail(App.Services.GetRequiredService<PersonalDataProtector>(), email);

    private async Task<IReadOnlyList<Deadline>> DestroyDeadlinesAsync() =>
        (await StorageContents.AllAsync(App, Tables.Deadlines))
            .Where(d => d.GetString(DeadlineRows.Kind) == IntakeDestruction.Destroy.Name && !d.RowKey.StartsWith(DeadlineRows.ParkedPrefix, StringComparison.Ordinal))
            .Select(DeadlineRows.From)
            .ToArray();

    [Fact]
    public async Task IntakeHasItsDestructionDeadline_BeforeAnyTimerHasRun()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        var submittedAt = app.Time.GetUtcNow();

        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("dated@example.org")));

        var intake = Assert.Single(await StorageContents.RowsAsync(app, Tables.Dossiers, "intake|"));
        var destroy = Assert.Single(
            (await StorageContents.AllAsync(app, Tables.Deadlines)).Select(DeadlineRows.From),
            d => d.Kind == IntakeDestruction.Destroy.Name);
        Assert.Equal(intake.PartitionKey, destroy.Dossier);
        Assert.Equal(intake.RowKey["intake|".Length..], destroy.Subject);
        Assert.Equal(submittedAt.AddDays(90), destroy.Due, TimeSpan.FromMilliseconds(1));
        Assert.Equal(submittedAt.AddDays(90), intake.GetDateTimeOffset(IntakeRow.DestroyAtColumn));
    }

    [Fact]
    public async Task IntakeWhoseRetentionEnded_IsDestroyedWithItsKeyEmailsAndMarkers_AndLeavesTheQueue()
    {
        await SubmitAndDispatchAsync("gone@example.org");
        App.Time.Advance(TimeSpan.FromDays(60));
        var kept = await SubmitAndDispatchAsync("kept@example.org");
        App.Time.Advance(TimeSpan.FromDays(31)); // the first is 91 days old, the second 31

        await PurgeAsync();

        var dossiers = await StorageContents.AllAsync(App, Tables.Dossiers);
        Assert.DoesNotContain(dossiers, e => e.PartitionKey == DossierOf("gone@example.org").PartitionKey);
        Assert.Contains(dossiers, e => e.PartitionKey == DossierOf("kept@example.org").PartitionKey && e.RowKey.StartsWith("intake|", StringComparison.Ordinal));
        Assert.Contains(dossiers, e => e.PartitionKey == DossierOf("kept@example.org").PartitionKey && e.RowKey.StartsWith("key|", StringComparison.Ordinal));
        var queue = await App.Services.GetRequiredService<IntakeQueue>().ListAsync(10, CancellationToken.None);
        Assert.Equal([kept], queue.Select(q => q.Reference));
        var left = Assert.Single(await DestroyDeadlinesAsync());
        Assert.Equal(DossierOf("kept@example.org").PartitionKey, left.Dossier);
    }

    [Fact]
    public async Task IntakeWhoseDateWasMovedLater_IsKept_AndItsDeadlineMovesToTheNewDate_WhereItIsDestroyed()
    {
        await SubmitAndDispatchAsync("extended@example.org");
        var dossiers = App.Tables.Get(Tables.Dossiers);
        var intake = (await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|")).Single();
        // As a later rule (an engagement starting) would do: a new date on the record itself.
        var newDate = App.Time.GetUtcNow().AddDays(365);
        intake[IntakeRow.DestroyAtColumn] = newDate;
        await dossiers.UpdateEntityAsync(intake, intake.ETag, TableUpdateMode.Merge);
        App.Time.Advance(TimeSpan.FromDays(91));

        await PurgeAsync();

        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "key|"));
        var moved = Assert.Single(await DestroyDeadlinesAsync());
        Assert.Equal(newDate, moved.Due, TimeSpan.FromMilliseconds(1));

        App.Time.Advance(TimeSpan.FromDays(275));
        await PurgeAsync();

        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "key|"));
        Assert.Empty(await DestroyDeadlinesAsync());
    }

    [Fact]
    public async Task Purge_ReadsOnlyDueDeadlines_AndDestroysNothingBeforeTheirTime()
    {
        await SubmitAndDispatchAsync("early@example.org");
        // Before this intake's emails' purge (30 days) and destruction (90) are due.
        App.Time.Advance(TimeSpan.FromDays(29));
        // The intake's anonymous count fell due at the first midnight: the app's own purge applies it, so
        // what is measured below is a purge with nothing due.
        await PurgeAsync();
        // A purge with a client pipeline of its own, so that the app's own timers (woken by the
        // clock moving) do not count.
        var storage = CountedStorage.For(App);
        var dossierStore = new TableDossierStore(storage.Tables);
        var destruction = new IntakeDestruction(dossierStore, new IntakeQueue(storage.Tables, dossierStore), new EngagementIndex(storage.Tables, dossierStore), new DestructionLog(storage.Tables, App.Time), App.Time, NullLogger<IntakeDestruction>.Instance);
        var runner = new DeadlineRunner(new TableDeadlineStore(storage.Tables), [destruction], App.Services.GetRequiredService<IOptions<DeadlineOptions>>(), App.Time, NullLogger<DeadlineRunner>.Instance);
        var purge = new RetentionService(runner);

        var destroyed = await purge.PurgeDueAsync(CancellationToken.None);

        Assert.Equal(0, destroyed);
        Assert.Equal(1, storage.Counter.Count);
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
    }
}
