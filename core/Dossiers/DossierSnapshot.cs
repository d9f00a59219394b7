using Azure.Data.Tables;

namespace Solidaire.Core.Dossiers;

/// <summary>Which rows of a dossier to load: one row, or a range of row keys (optionally only rows whose column has a value).</summary>
public abstract record RowSelector
{
    public sealed record Exact(string RowKey) : RowSelector;

    public sealed record Prefix(string Start, string? Column = null, string? Value = null) : RowSelector;

    public bool Matches(TableEntity row) => this switch
    {
        Exact e => row.RowKey == e.RowKey,
        Prefix p => row.RowKey.StartsWith(p.Start, StringComparison.Ordinal)
                    && (p.Column is null || row.GetString(p.Column) == p.Value),
        _ => false,
    };
}

/// <summary>The rows of one dossier an operation read, by row key, each with the ETag it was read at.</summary>
public sealed class DossierSnapshot(DossierId dossier, IEnumerable<TableEntity> rows)
{
    private readonly SortedDictionary<string, TableEntity> _rows = new(rows.ToDictionary(r => r.RowKey, StringComparer.Ordinal), StringComparer.Ordinal);

    public DossierId Dossier { get; } = dossier;

    /// <summary>Nothing read (or nothing there).</summary>
    public static DossierSnapshot Empty(DossierId dossier) => new(dossier, []);

    public IReadOnlyCollection<TableEntity> Rows => _rows.Values;

    public TableEntity? Find(string rowKey) => _rows.GetValueOrDefault(rowKey);

    public IEnumerable<TableEntity> WithPrefix(string prefix) =>
        _rows.Values.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal));
}
