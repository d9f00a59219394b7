using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Retention;

/// <summary>
/// A destruction cut short between two of its transactions (the process dies) leaves nothing of the
/// subject readable, and the next purge completes it (issue 11: crash in the middle of a destruction).
/// </summary>
public sealed class DestructionCrashTests : AppTest
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["PurgeSchedule"] = "0 0 0 29 2 *";

    /// <summary>The dossier store of a process that dies at its <paramref name="dieAt"/>th commit.</summary>
    private sealed class DyingStore(IDossierStore inner, int dieAt) : IDossierStore
    {
        private int _commits;

        public Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken) =>
            inner.LoadAsync(dossier, rows, cancellationToken);

        public Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction) =>
            Interlocked.Increment(ref _commits) == dieAt
                ? throw new OperationCanceledException("the process died")
                : inner.CommitAsync(transaction);
    }

    [Fact]
    public async Task DestructionCutBetweenTwoBatches_LeavesNothingReadable_AndTheNextPurgeCompletesIt()
    {
        const string email = "crash.subject@example.org";
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid(email)));
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var intakeApiId = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        var dossier = DossierId.ForEmail(App.Services.GetRequiredService<PersonalDataProtector>(), email);
        var intakeRow = Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        var intakeId = intakeRow.RowKey["intake|".Length..];
        // More rows than one transaction holds: 150 of the intake's (sealed) session rows.
        var table = App.Tables.Get(Tables.Dossiers);
        for (var i = 0; i < 150; i++)
            await table.AddEntityAsync(new TableEntity(dossier.PartitionKey, $"session|{intakeId}|crash|{i:D3}") { ["Notes"] = "sealed-elsewhere" });
        App.Time.Advance(TimeSpan.FromDays(91));
        var deadline = DeadlineRows.From(Assert.Single(await StorageContents.AllAsync(App, Tables.Deadlines),
            d => d.GetString(DeadlineRows.Kind) == IntakeDestruction.Destroy.Name));

        var dying = new IntakeDestruction(new DyingStore(App.Services.GetRequiredService<IDossierStore>(), dieAt: 2),
            App.Services.GetRequiredService<IntakeQueue>(), App.Services.GetRequiredService<EngagementIndex>(),
            App.Services.GetRequiredService<DestructionLog>(), App.Time, NullLogger<IntakeDestruction>.Instance);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.HandleAsync(deadline, CancellationToken.None));

        // In between: the key and the intake went in the first transaction; the rest is sealed with a key that no longer exists.
        var between = (await StorageContents.AllAsync(App, Tables.Dossiers)).Where(r => r.PartitionKey == dossier.PartitionKey).ToArray();
        Assert.DoesNotContain(between, r => r.RowKey.StartsWith("key|", StringComparison.Ordinal) || r.RowKey.StartsWith("intake|", StringComparison.Ordinal));
        Assert.InRange(between.Length, 1, 100);
        coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.SendAsync(HttpMethod.Get, $"/api/staff/intakes/{intakeApiId}")).StatusCode);

        // The dead process never settled its deadline: the next purge finds it due and finishes the subject.
        await App.Services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None);

        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Dossiers), r => r.PartitionKey == dossier.PartitionKey);
        Assert.Empty(await StorageContents.AllAsync(App, Tables.IntakeQueue));
        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Deadlines), d => d.GetString(DeadlineRows.Kind) == IntakeDestruction.Destroy.Name);
    }

    [Fact]
    public async Task TwoPurgesAtOnce_AndAThirdAfter_DestroyEachSubjectOnce_AndLogItOnce()
    {
        foreach (var email in new[] { "twice.one@example.org", "twice.two@example.org", "twice.three@example.org" })
            await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid(email)));
        App.Time.Advance(TimeSpan.FromDays(91));
        var purge = App.Services.GetRequiredService<RetentionService>();

        await Task.WhenAll(purge.PurgeDueAsync(CancellationToken.None), purge.PurgeDueAsync(CancellationToken.None));
        await purge.PurgeDueAsync(CancellationToken.None);

        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "key|"));
        var logged = await App.Services.GetRequiredService<DestructionLog>().ReadAsync(DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None);
        Assert.Equal(3, logged.Count(e => e.Kind == DestructionKinds.UnfollowedIntake));
        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Deadlines), d => d.RowKey.StartsWith(DeadlineRows.ParkedPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameDestructionRunTwice_FindsNothingTheSecondTime_AndLogsNothingMore()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("again@example.org")));
        // Its emails sent and recorded first: a record landing during the destruction's read makes it look again, rightly.
        await App.StorageQuietAsync();
        App.Time.Advance(TimeSpan.FromDays(91));
        var deadline = DeadlineRows.From(Assert.Single(await StorageContents.AllAsync(App, Tables.Deadlines),
            d => d.GetString(DeadlineRows.Kind) == IntakeDestruction.Destroy.Name));
        var destruction = App.Services.GetServices<IDeadlineHandler>().OfType<IntakeDestruction>().Single();

        Assert.Equal(DeadlineResult.Done, await destruction.HandleAsync(deadline, CancellationToken.None));
        Assert.Equal(DeadlineResult.Done, await destruction.HandleAsync(deadline, CancellationToken.None));

        var logged = await App.Services.GetRequiredService<DestructionLog>().ReadAsync(DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None);
        Assert.Single(logged, e => e.Kind == DestructionKinds.UnfollowedIntake);
    }
}
