using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Tests.Dossiers;

/// <summary>Load, apply a pure rule, commit guarded by the root's ETag, start again on a lost race.</summary>
public sealed class OptimisticConcurrencyTests
{
    private static readonly DossierId Dossier = DossierId.Parse("c" + new string('a', 64));
    private static readonly Failure Limit = new(FailureKind.Conflict, "limit_reached", "The counter is at its cap.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "contended", "Too many concurrent changes.");
    private static readonly IReadOnlyList<RowSelector> Root = [new RowSelector.Exact("root")];

    /// <summary>A capped counter: the shape of the 4-session limit.</summary>
    private static Decision<int> Increment(DossierSnapshot s)
    {
        var root = s.Find("root");
        var count = root?.GetInt32("Count") ?? 0;
        if (count >= 4)
            return Limit;
        var next = new TableEntity(Dossier.PartitionKey, "root") { ["Count"] = count + 1 };
        var transaction = new PartitionTransaction(Dossier.PartitionKey);
        if (root is null)
            transaction.Add(next);
        else
            transaction.Replace(next, root.ETag);
        return new Decision<int>.Commit(transaction, count + 1);
    }

    [Fact]
    public async Task ALostRace_IsRetriedOnAFreshRead_AndTheRuleSeesTheWinnersChange()
    {
        var store = new InMemoryDossierStore();
        store.Put(new TableEntity(Dossier.PartitionKey, "root") { ["Count"] = 1 });
        // Another instance increments between our read and our commit.
        store.BeforeCommit = () => store.Put(new TableEntity(Dossier.PartitionKey, "root") { ["Count"] = 2 });

        var outcome = await OptimisticConcurrency.RunAsync(store, Dossier, Root, Increment, Contended, CancellationToken.None);

        Assert.True(outcome.IsSuccess);
        Assert.Equal(3, outcome.Value);
        Assert.Equal(2, store.Loads);
        Assert.Equal(3, store.Rows.Single().GetInt32("Count"));
    }

    [Fact]
    public async Task ARuleThatRefuses_CommitsNothing()
    {
        var store = new InMemoryDossierStore();
        store.Put(new TableEntity(Dossier.PartitionKey, "root") { ["Count"] = 4 });

        var outcome = await OptimisticConcurrency.RunAsync(store, Dossier, Root, Increment, Contended, CancellationToken.None);

        Assert.Equal("limit_reached", outcome.Failure?.Code);
        Assert.Equal(0, store.Commits);
    }

    [Fact]
    public async Task AssumingEmptyFirst_CreatesWithoutARead_AndReadsOnlyAfterAConflict()
    {
        var store = new InMemoryDossierStore();

        var created = await OptimisticConcurrency.RunAsync(store, Dossier, Root, Increment, Contended, CancellationToken.None, assumeEmptyFirst: true);
        var again = await OptimisticConcurrency.RunAsync(store, Dossier, Root, Increment, Contended, CancellationToken.None, assumeEmptyFirst: true);

        Assert.Equal(1, created.Value);
        Assert.Equal(2, again.Value);
        Assert.Equal(1, store.Loads); // only the second, after its blind insert conflicted
    }

    [Fact]
    public async Task ContentionPastTheBound_IsTheGivenFailure_NotAnException()
    {
        var store = new InMemoryDossierStore();
        store.Put(new TableEntity(Dossier.PartitionKey, "root") { ["Count"] = 0 });
        Decision<int> AlwaysLoses(DossierSnapshot s)
        {
            store.BeforeCommit = () => store.Put(new TableEntity(Dossier.PartitionKey, "root") { ["Count"] = 0 });
            return Increment(s);
        }

        var outcome = await OptimisticConcurrency.RunAsync(store, Dossier, Root, AlwaysLoses, Contended, CancellationToken.None, maxAttempts: 3);

        Assert.Equal("contended", outcome.Failure?.Code);
        Assert.Equal(3, store.Loads);
    }
}
