using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Dossiers;

/// <summary>What a rule decided from what it read: commit these changes and answer this, or just answer.</summary>
public abstract record Decision<T>
{
    /// <summary>Commit; the answer may use what the commit returned (the rows' new ETags).</summary>
    public sealed record Commit(PartitionTransaction Transaction, Func<CommitReceipt, T> Result) : Decision<T>
    {
        public Commit(PartitionTransaction transaction, T result)
            : this(transaction, _ => result)
        {
        }
    }

    public sealed record Answer(Outcome<T> Outcome) : Decision<T>;

    public static implicit operator Decision<T>(Failure failure) => new Answer(failure);
}

/// <summary>
/// The one way an aggregate of a dossier changes: load it (one query in its partition), apply a pure
/// rule, commit what the rule decided in one transaction that the rule guarded with the root's ETag
/// (or an insert that fails if the root exists), and on a lost race start again from a fresh read, a
/// bounded number of times. This is what makes a limit (4 sessions) hold across instances.
/// </summary>
public static class OptimisticConcurrency
{
    public const int DefaultMaxAttempts = 8;

    /// <param name="assumeEmptyFirst">For a creation: the first attempt applies the rule to an empty
    /// dossier without reading it (one round trip when nothing is there); a conflict then reads.</param>
    /// <param name="cancellationToken">Stops the reads and <paramref name="beforeCommit"/>; a commit, once
    /// started, runs to its end (see <see cref="IDossierStore.CommitAsync"/>) and its outcome is returned.</param>
    /// <param name="beforeCommit">Runs before each commit the rule decided (not when it answers): for
    /// what must exist before the change only if the change happens, such as its emails' deadline.</param>
    public static async Task<Outcome<T>> RunAsync<T>(
        IDossierStore store,
        DossierId dossier,
        IReadOnlyList<RowSelector> aggregate,
        Func<DossierSnapshot, Decision<T>> rule,
        Failure whenContended,
        CancellationToken cancellationToken,
        bool assumeEmptyFirst = false,
        int maxAttempts = DefaultMaxAttempts,
        Func<CancellationToken, Task>? beforeCommit = null)
    {
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var snapshot = assumeEmptyFirst && attempt == 1
                ? DossierSnapshot.Empty(dossier)
                : await store.LoadAsync(dossier, aggregate, cancellationToken).ConfigureAwait(false);
            switch (rule(snapshot))
            {
                case Decision<T>.Answer answer:
                    return answer.Outcome;
                case Decision<T>.Commit commit:
                    if (commit.Transaction.PartitionKey != dossier.PartitionKey)
                        throw new InvalidOperationException("A rule committed outside its dossier.");
                    if (beforeCommit is not null)
                        await beforeCommit(cancellationToken).ConfigureAwait(false);
                    var committed = await store.CommitAsync(commit.Transaction).ConfigureAwait(false);
                    if (committed.IsSuccess)
                        return Outcome<T>.Ok(commit.Result(committed.Value));
                    if (committed.Failure != TableTransactions.Conflict)
                        return committed.Failure;
                    break;
            }
        }
        return whenContended;
    }
}
