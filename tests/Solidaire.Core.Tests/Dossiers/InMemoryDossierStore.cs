using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Tests.Dossiers;

/// <summary>
/// A dossier store for unit tests of rules and services: Table Storage's transaction semantics
/// (all or nothing, ETag guards, add fails on an existing row) over a dictionary. Integration tests
/// use Azurite; this only lets a rule be tested without I/O.
/// </summary>
public sealed class InMemoryDossierStore : IDossierStore
{
    private readonly Dictionary<(string, string), TableEntity> _rows = [];
    private int _version;

    public int Loads { get; private set; }
    public int Commits { get; private set; }

    /// <summary>Runs just before a commit is applied: a test's way to let "another instance" change the dossier first.</summary>
    public Action? BeforeCommit { get; set; }

    public IReadOnlyCollection<TableEntity> Rows => _rows.Values;

    public Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken)
    {
        Loads++;
        var found = _rows.Values.Where(r => r.PartitionKey == dossier.PartitionKey && (rows.Count == 0 || rows.Any(s => s.Matches(r)))).Select(Copy);
        return Task.FromResult(new DossierSnapshot(dossier, found));
    }

    public Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction)
    {
        var before = BeforeCommit;
        BeforeCommit = null;
        before?.Invoke();
        Commits++;
        foreach (var a in transaction.Actions)
        {
            var exists = _rows.TryGetValue((a.Entity.PartitionKey, a.Entity.RowKey), out var current);
            var ok = a.ActionType switch
            {
                TableTransactionActionType.Add => !exists,
                TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpsertReplace => true,
                _ => exists && (a.ETag == ETag.All || a.ETag == current!.ETag),
            };
            if (!ok)
                return Task.FromResult<Outcome<CommitReceipt>>(TableTransactions.Conflict);
        }
        var etags = new List<ETag>();
        foreach (var a in transaction.Actions)
        {
            var key = (a.Entity.PartitionKey, a.Entity.RowKey);
            if (a.ActionType == TableTransactionActionType.Delete)
            {
                _rows.Remove(key);
                etags.Add(default);
                continue;
            }
            var row = Copy((TableEntity)a.Entity);
            if (a.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge && _rows.TryGetValue(key, out var merged))
            {
                foreach (var (k, v) in row)
                    merged[k] = v;
                row = merged;
            }
            row.ETag = new ETag($"W/\"{++_version}\"");
            _rows[key] = row;
            etags.Add(row.ETag);
        }
        return Task.FromResult(Outcome<CommitReceipt>.Ok(new CommitReceipt(etags)));
    }

    public void Put(TableEntity row)
    {
        var copy = Copy(row);
        copy.ETag = new ETag($"W/\"{++_version}\"");
        _rows[(row.PartitionKey, row.RowKey)] = copy;
    }

    private static TableEntity Copy(TableEntity e)
    {
        var copy = new TableEntity(e.PartitionKey, e.RowKey) { ETag = e.ETag };
        foreach (var (k, v) in e)
        {
            if (k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
                copy[k] = v;
        }
        return copy;
    }
}
