using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Deadlines;

/// <summary>The deadlines in the Deadlines table (one partition, see <see cref="DeadlineRows"/>).</summary>
public sealed class TableDeadlineStore(Tables tables) : IDeadlineStore
{
    // A claim or a move is two actions (delete the old row key, add the new one).
    private const int MovesPerTransaction = PartitionTransaction.MaxActions / 2;

    private TableClient Table => tables.Get(Tables.Deadlines);

    // Every write goes to the one partition, from requests and background work at once: concurrent ones share a request.
    private GroupCommit Writes => tables.Grouped(Tables.Deadlines, DeadlineRows.Partition);

    public async Task ScheduleAsync(IReadOnlyList<Deadline> deadlines, CancellationToken cancellationToken)
    {
        foreach (var chunk in deadlines.Chunk(PartitionTransaction.MaxActions))
        {
            var transaction = new PartitionTransaction(DeadlineRows.Partition);
            foreach (var d in chunk)
                transaction.Add(DeadlineRows.ToEntity(d));
            var committed = await Writes.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (!committed.IsSuccess)
                throw new InvalidOperationException("A new deadline's id was already taken."); // ids are random: a bug
        }
    }

    public Task<bool> ScheduleOnceAsync(Deadline deadline, CancellationToken cancellationToken) =>
        ScheduleOnceAsync(deadline, [], cancellationToken);

    public async Task<bool> ScheduleOnceAsync(Deadline deadline, IReadOnlyList<Deadline> with, CancellationToken cancellationToken)
    {
        var transaction = new PartitionTransaction(DeadlineRows.Partition).Add(DeadlineRows.ToEntity(deadline));
        foreach (var d in with)
            transaction.Add(DeadlineRows.ToEntity(d));
        return (await Writes.CommitAsync(transaction, cancellationToken).ConfigureAwait(false)).IsSuccess;
    }

    public async Task<IReadOnlyList<Deadline>> ReadDueAsync(DeadlineLane lane, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<Deadline>();
        await foreach (var page in Table.QueryAsync<TableEntity>(DeadlineRows.DueFilter(lane, now), maxPerPage: max, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            due.AddRange(page.Values.Select(DeadlineRows.From));
            break; // one page: the runner reads again once these have moved out of the range
        }
        return due;
    }

    public async Task<IReadOnlyList<Deadline>> ClaimAsync(IReadOnlyList<Deadline> due, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var claimed = new List<Deadline>();
        foreach (var chunk in due.Chunk(MovesPerTransaction))
        {
            var moves = chunk.Select(d => (From: d, To: d.MovedTo(until, d.Attempt))).ToArray();
            if (await MoveAsync(moves, cancellationToken).ConfigureAwait(false))
            {
                claimed.AddRange(moves.Select(m => m.To));
                continue;
            }
            // Another runner took some of them: take the rest one by one.
            foreach (var move in moves)
            {
                if (await MoveAsync([move], cancellationToken).ConfigureAwait(false))
                    claimed.Add(move.To);
            }
        }
        return claimed;
    }

    public async Task SettleAsync(IReadOnlyList<Settlement> settlements, CancellationToken cancellationToken)
    {
        foreach (var chunk in settlements.Chunk(MovesPerTransaction))
        {
            if (await CommitAsync(chunk, cancellationToken).ConfigureAwait(false))
                continue;
            // One of them was taken over by another runner since (it moved): that one is the other's now.
            foreach (var settlement in chunk)
                await CommitAsync([settlement], cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<bool> MoveAsync(IReadOnlyList<(Deadline From, Deadline To)> moves, CancellationToken cancellationToken) =>
        CommitAsync(moves.Select(m => (Settlement)new Settlement.Move(m.From, m.To)).ToArray(), cancellationToken);

    /// <summary>
    /// Every change is a delete of the row key the runner knows plus, for a move, an add under the new
    /// key. The row key holds the due time, so a row another runner has moved since no longer exists
    /// under it: the delete fails, and the whole transaction with it (that is the claim's guard).
    /// </summary>
    private async Task<bool> CommitAsync(IReadOnlyList<Settlement> settlements, CancellationToken cancellationToken)
    {
        var transaction = new PartitionTransaction(DeadlineRows.Partition);
        foreach (var settlement in settlements)
        {
            if (settlement is Settlement.Move same && same.To.RowKey == same.Deadline.RowKey)
                continue; // already where it should be
            transaction.Delete(settlement.Deadline.RowKey, ETag.All);
            switch (settlement)
            {
                case Settlement.Move move:
                    transaction.Add(DeadlineRows.ToEntity(move.To, lastError: move.Error));
                    break;
                case Settlement.Park park:
                    transaction.Add(DeadlineRows.ToEntity(park.Deadline, DeadlineRows.ParkedKey(park.Deadline), park.Error));
                    break;
            }
        }
        return (await Writes.CommitAsync(transaction, cancellationToken).ConfigureAwait(false)).IsSuccess;
    }
}
