using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Storage;

/// <summary>What a committed transaction left: the new ETag of each action's row, in order (empty for deletes).</summary>
public sealed record CommitReceipt(IReadOnlyList<ETag> ETags)
{
    /// <summary>Gives <paramref name="rows"/>, committed as actions <paramref name="firstAction"/> onwards, their new ETags, so they can be updated again.</summary>
    public void ApplyTo(IReadOnlyList<ITableEntity> rows, int firstAction = 0)
    {
        for (var i = 0; i < rows.Count; i++)
            rows[i].ETag = ETags[firstAction + i];
    }
}

public static class TableTransactions
{
    /// <summary>Another change came first: a row to add exists, a row to update or delete changed or is gone.</summary>
    public static readonly Failure Conflict = new(FailureKind.Conflict, "concurrent_change", "The record changed while this request was handled; please send it again.");

    /// <summary>
    /// Commits <paramref name="transaction"/> in one round trip. A lost race (409, 412, or 404 for a
    /// row that was to be updated or deleted) is the outcome <see cref="Conflict"/>, not an exception.
    /// </summary>
    public static async Task<Outcome<CommitReceipt>> CommitAsync(this TableClient table, PartitionTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.IsEmpty)
            return Outcome<CommitReceipt>.Ok(new CommitReceipt([]));
        try
        {
            var response = await table.SubmitTransactionAsync(transaction.Actions, cancellationToken).ConfigureAwait(false);
            return Outcome<CommitReceipt>.Ok(new CommitReceipt(response.Value.Select(r => r.Headers.ETag ?? default).ToArray()));
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && e.ErrorCode != "TableNotFound"))
        {
            return Conflict;
        }
    }
}
