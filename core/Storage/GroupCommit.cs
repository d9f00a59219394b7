using System.Runtime.ExceptionServices;
using Azure.Data.Tables;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Storage;

/// <summary>
/// Transactions of many callers to one hot partition (the deadlines, the coordinators' queue) sent
/// together: while one is on its way, those that arrive wait, and the first of them then sends them
/// all as one entity-group transaction (within its limits). Alone, a caller's transaction goes at
/// once, as it would without this. Each caller's transaction still commits or fails as a whole:
/// when the shared one fails as a conflict (or is refused), each is sent again alone, so one
/// caller's lost race is never another's. Storage is written the same; it only takes fewer requests
/// when the partition is busy, and the service's cost is mostly per request.
/// </summary>
public sealed class GroupCommit(TableClient table)
{
    private readonly object _gate = new();
    private readonly Queue<Entry> _waiting = new();
    private bool _busy;

    public async Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.IsEmpty)
            return Outcome<CommitReceipt>.Ok(new CommitReceipt([]));
        var entry = new Entry(transaction);
        lock (_gate)
        {
            if (_busy)
            {
                _waiting.Enqueue(entry);
            }
            else
            {
                _busy = true;
                entry.State = EntryState.Leading;
            }
        }

        if (entry.State != EntryState.Leading)
        {
            Turn turn;
            try
            {
                turn = await entry.Turn.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    // Not taken yet: it never leaves. Taken: it is on its way (or led), like a cancelled request already sent.
                    if (entry.State == EntryState.Waiting)
                        entry.State = EntryState.Cancelled;
                    else if (entry.State == EntryState.Leading)
                        HandOn();
                }
                throw;
            }
            switch (turn)
            {
                case Turn.Done done:
                    return done.Outcome;
                case Turn.Failed failed:
                    ExceptionDispatchInfo.Throw(failed.Exception);
                    break;
                case Turn.Alone:
                    return await table.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            return await LeadAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
                HandOn();
        }
    }

    /// <summary>Sends the leader's transaction with every waiting one that fits beside it.</summary>
    private async Task<Outcome<CommitReceipt>> LeadAsync(Entry leader, CancellationToken cancellationToken)
    {
        var batch = new List<Entry> { leader };
        lock (_gate)
        {
            var count = leader.Transaction.Count;
            var bytes = leader.Transaction.EstimatedBytes;
            while (_waiting.TryPeek(out var next))
            {
                if (next.State == EntryState.Cancelled)
                {
                    _waiting.Dequeue();
                    continue;
                }
                if (count + next.Transaction.Count > PartitionTransaction.MaxActions || bytes + next.Transaction.EstimatedBytes > PartitionTransaction.MaxPayloadBytes)
                    break;
                _waiting.Dequeue();
                next.State = EntryState.Taken;
                count += next.Transaction.Count;
                bytes += next.Transaction.EstimatedBytes;
                batch.Add(next);
            }
        }
        if (batch.Count == 1)
            return await table.CommitAsync(leader.Transaction, cancellationToken).ConfigureAwait(false);

        var shared = new PartitionTransaction(leader.Transaction.PartitionKey);
        foreach (var e in batch)
            shared.Append(e.Transaction);
        Outcome<CommitReceipt> outcome;
        try
        {
            // Not the leader's token: its caller giving up must not fail the others'.
            outcome = await table.CommitAsync(shared, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException e) when (e.Status is >= 400 and < 500)
        {
            // Refused as a whole (say, two callers naming one row): nothing was written.
            outcome = TableTransactions.Conflict;
        }
        catch (Exception e)
        {
            foreach (var follower in batch.Skip(1))
                follower.Turn.TrySetResult(new Turn.Failed(e));
            throw;
        }

        if (!outcome.IsSuccess)
        {
            foreach (var follower in batch.Skip(1))
                follower.Turn.TrySetResult(new Turn.Alone());
            return await table.CommitAsync(leader.Transaction, cancellationToken).ConfigureAwait(false);
        }
        // The leader's actions came first; each follower's after those before it.
        var etags = outcome.Value.ETags;
        var first = leader.Transaction.Count;
        foreach (var follower in batch.Skip(1))
        {
            follower.Turn.TrySetResult(new Turn.Done(Outcome<CommitReceipt>.Ok(new CommitReceipt([.. etags.Skip(first).Take(follower.Transaction.Count)]))));
            first += follower.Transaction.Count;
        }
        return Outcome<CommitReceipt>.Ok(new CommitReceipt([.. etags.Take(leader.Transaction.Count)]));
    }

    /// <summary>Under the gate: the next waiting caller leads, or the partition is free.</summary>
    private void HandOn()
    {
        while (_waiting.TryDequeue(out var next))
        {
            if (next.State == EntryState.Cancelled)
                continue;
            next.State = EntryState.Leading;
            next.Turn.TrySetResult(new Turn.Lead());
            return;
        }
        _busy = false;
    }

    private enum EntryState
    {
        Waiting,
        Leading,
        Taken,
        Cancelled,
    }

    private abstract record Turn
    {
        public sealed record Lead : Turn;

        public sealed record Done(Outcome<CommitReceipt> Outcome) : Turn;

        public sealed record Alone : Turn;

        public sealed record Failed(Exception Exception) : Turn;
    }

    private sealed class Entry(PartitionTransaction transaction)
    {
        public PartitionTransaction Transaction { get; } = transaction;

        public EntryState State { get; set; }

        public TaskCompletionSource<Turn> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
