using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Dossiers;

/// <summary>
/// The seam's optimistic concurrency over real Table Storage: the shape of the 4-session limit
/// (DESIGN.md rule 8), held by ETags, not by a lock in one process's memory.
/// </summary>
public sealed class ConcurrencyLimitTests : AppTest
{
    private static readonly Failure Limit = new(FailureKind.Conflict, "limit_reached", "At the cap.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "contended", "Too many concurrent changes.");

    [Fact]
    public async Task TwentyConcurrentUpdates_OfACappedCounter_LeaveItAtExactlyTheCap()
    {
        var store = App.Services.GetRequiredService<IDossierStore>();
        var dossier = DossierId.Parse("c" + new string('e', 64));
        await App.Tables.Get(Tables.Dossiers).AddEntityAsync(new TableEntity(dossier.PartitionKey, "root") { ["Count"] = 0 });

        Decision<int> AddOne(DossierSnapshot s)
        {
            var root = s.Find("root")!;
            var count = root.GetInt32("Count")!.Value;
            if (count >= 4)
                return Limit;
            var transaction = new PartitionTransaction(dossier.PartitionKey)
                .Replace(new TableEntity(dossier.PartitionKey, "root") { ["Count"] = count + 1 }, root.ETag)
                .Add(new TableEntity(dossier.PartitionKey, "item|" + Guid.NewGuid().ToString("N")));
            return new Decision<int>.Commit(transaction, count + 1);
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            OptimisticConcurrency.RunAsync(store, dossier, [new RowSelector.Exact("root")], AddOne, Contended, CancellationToken.None, maxAttempts: 30))));

        var rows = await StorageContents.AllAsync(App, Tables.Dossiers);
        Assert.Equal(4, rows.Single(r => r.RowKey == "root").GetInt32("Count"));
        Assert.Equal(4, rows.Count(r => r.RowKey.StartsWith("item|", StringComparison.Ordinal)));
        Assert.Equal([1, 2, 3, 4], outcomes.Where(o => o.IsSuccess).Select(o => o.Value).Order());
        Assert.All(outcomes.Where(o => !o.IsSuccess), o => Assert.Equal("limit_reached", o.Failure?.Code));
    }

    [Fact]
    public async Task ACommitOnItsWay_RunsToItsEnd_WhenTheCallerGivesUpMeanwhile()
    {
        // A client who closes the page once it pressed send: its request is cancelled while the change
        // is being committed. The change must then be known as done or not done, never left in between
        // with what follows it (its emails, its index) waiting for the runner.
        var dossier = DossierId.Parse("c" + new string('f', 64));
        using var caller = new CancellationTokenSource();
        var store = new CancelledOnCommit(App.Services.GetRequiredService<IDossierStore>(), caller);
        var beforeCommitRan = false;

        var outcome = await OptimisticConcurrency.RunAsync(store, dossier, [new RowSelector.Exact("root")], AddRoot, Contended, caller.Token, beforeCommit: _ =>
            {
                beforeCommitRan = true;
                return Task.CompletedTask;
            });

        Assert.True(caller.IsCancellationRequested);
        Assert.True(beforeCommitRan);
        Assert.Equal("done", outcome.Value);
        Assert.Single(await StorageContents.AllAsync(App, Tables.Dossiers), r => r.PartitionKey == dossier.PartitionKey && r.RowKey == "root");
    }

    [Fact]
    public async Task ACallerThatGaveUpBeforeTheRuleDecided_CommitsNothing()
    {
        var dossier = DossierId.Parse("c" + new string('d', 64));
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OptimisticConcurrency.RunAsync(
            App.Services.GetRequiredService<IDossierStore>(), dossier, [new RowSelector.Exact("root")], AddRoot, Contended, caller.Token));

        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Dossiers), r => r.PartitionKey == dossier.PartitionKey);
    }

    private static Decision<string> AddRoot(DossierSnapshot snapshot) =>
        new Decision<string>.Commit(new PartitionTransaction(snapshot.Dossier.PartitionKey).Add(new TableEntity(snapshot.Dossier.PartitionKey, "root")), "done");

    /// <summary>The real store, whose caller gives up the moment a commit starts.</summary>
    private sealed class CancelledOnCommit(IDossierStore inner, CancellationTokenSource caller) : IDossierStore
    {
        public Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken) =>
            inner.LoadAsync(dossier, rows, cancellationToken);

        public async Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction)
        {
            await caller.CancelAsync();
            return await inner.CommitAsync(transaction);
        }
    }
}
