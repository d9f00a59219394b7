using Azure.Data.Tables;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Dossiers;

/// <summary>
/// Deletes a subject's rows the one safe way (rule 10, crypto-shredding): its data keys in the first
/// transaction, with the row that guards its date (so a subject whose date moved meanwhile is left
/// whole), then the rest in transactions of at most 100 rows of one partition, each row only as it
/// was read. Once the first transaction committed, whatever is left is unreadable; a run cut short
/// (a crash, a race) is completed by the next one, which finds fewer rows and does the same.
/// </summary>
public static class Shredder
{
    /// <summary>What was deleted: rows in all, and how many of them were data keys.</summary>
    public sealed record Shredded(int Rows, int Keys, bool Complete);

    /// <param name="rows">Every row of the subject, as read (their ETags guard them).</param>
    /// <param name="guardRowKey">The row whose date decided the destruction, deleted with the keys.</param>
    public static async Task<Shredded> DestroyAsync(IDossierStore store, DossierId dossier, IEnumerable<TableEntity> rows,
        string? guardRowKey, CancellationToken cancellationToken)
    {
        var ordered = rows
            .OrderBy(r => IsDataKey(r) ? 0 : r.RowKey == guardRowKey ? 1 : 2)
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .ToArray();
        var deleted = 0;
        var keys = 0;
        foreach (var chunk in ordered.Chunk(PartitionTransaction.MaxActions))
        {
            var transaction = new PartitionTransaction(dossier.PartitionKey);
            foreach (var r in chunk)
                transaction.Delete(r, r.ETag);
            var committed = await store.CommitAsync(transaction).ConfigureAwait(false);
            if (!committed.IsSuccess)
                return new Shredded(deleted, keys, Complete: false); // it changed meanwhile: the caller looks again
            deleted += chunk.Length;
            keys += chunk.Count(IsDataKey);
        }
        return new Shredded(deleted, keys, Complete: true);
    }

    public static bool IsDataKey(TableEntity row) => row.RowKey.StartsWith(DossierKeys.DataKey(""), StringComparison.Ordinal);
}
