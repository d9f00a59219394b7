using Azure.Data.Tables;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Dossiers;

/// <summary>The dossiers in the Dossiers table: one partition per client.</summary>
public sealed class TableDossierStore(Tables tables) : IDossierStore
{
    private TableClient Table => tables.Get(Tables.Dossiers);

    public async Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(Filter(dossier, rows), cancellationToken: cancellationToken).ConfigureAwait(false))
            found.Add(e);
        return new DossierSnapshot(dossier, found);
    }

    public Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction) =>
        Table.CommitAsync(transaction, CancellationToken.None);

    /// <summary>One filter for the partition and every selector, each built by <see cref="TableClient.CreateQueryFilter"/>.</summary>
    internal static string Filter(DossierId dossier, IReadOnlyList<RowSelector> rows)
    {
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {dossier.PartitionKey}");
        if (rows.Count == 0)
            return partition;
        var any = string.Join(" or ", rows.Select(r => "(" + (r switch
        {
            RowSelector.Exact e => TableClient.CreateQueryFilter($"RowKey eq {e.RowKey}"),
            RowSelector.Prefix p => TableClient.CreateQueryFilter($"RowKey ge {p.Start} and RowKey lt {DossierKeys.PrefixEnd(p.Start)}")
                                    + (p.Column is null ? "" : " and " + ColumnEquals(p.Column, p.Value)),
            _ => throw new ArgumentOutOfRangeException(nameof(rows)),
        }) + ")"));
        return partition + " and (" + any + ")";
    }

    // Column names are this code's constants, never input; the value goes through CreateQueryFilter.
    private static string ColumnEquals(string column, string? value) =>
        column + TableClient.CreateQueryFilter($" eq {value}");
}
