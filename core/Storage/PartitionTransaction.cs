using Azure;
using Azure.Data.Tables;

namespace Solidaire.Core.Storage;

/// <summary>
/// The actions of one entity-group transaction: one table partition, at most 100 actions and 4 MiB
/// (Azure's limits; Azurite does not enforce them, so this does, before anything is sent).
/// A breach is a bug in the caller, not an outcome: it throws.
/// </summary>
public sealed class PartitionTransaction(string partitionKey)
{
    public const int MaxActions = 100;
    public const long MaxPayloadBytes = 4L * 1024 * 1024;

    // Per entity and per property: key names, JSON punctuation, odata type annotations, batch headers.
    private const int EntityOverheadBytes = 512;
    private const int PropertyOverheadBytes = 64;

    private readonly List<TableTransactionAction> _actions = [];

    public string PartitionKey { get; } = partitionKey;
    public IReadOnlyList<TableTransactionAction> Actions => _actions;
    public int Count => _actions.Count;
    public bool IsEmpty => _actions.Count == 0;
    public long EstimatedBytes { get; private set; }

    /// <summary>Inserts; fails the whole transaction (a conflict) if the row exists.</summary>
    public PartitionTransaction Add(ITableEntity entity) => Push(TableTransactionActionType.Add, entity, default);

    /// <summary>Replaces the row as it was read: fails (a conflict) if it changed since (<paramref name="etag"/>).</summary>
    public PartitionTransaction Replace(ITableEntity entity, ETag etag) => Push(TableTransactionActionType.UpdateReplace, entity, etag);

    /// <summary>Deletes the row; with <paramref name="etag"/> only if unchanged, with <see cref="ETag.All"/> whatever it holds (it must exist).</summary>
    public PartitionTransaction Delete(ITableEntity entity, ETag etag) => Push(TableTransactionActionType.Delete, entity, etag);

    public PartitionTransaction Delete(string rowKey, ETag etag) => Delete(new TableEntity(PartitionKey, rowKey), etag);

    /// <summary>Inserts the row, or merges these properties into it if it exists: never a conflict.</summary>
    public PartitionTransaction UpsertMerge(ITableEntity entity) => Push(TableTransactionActionType.UpsertMerge, entity, default);

    /// <summary>Adds <paramref name="other"/>'s actions after these (several callers' transactions sent as one, see <see cref="GroupCommit"/>).</summary>
    internal PartitionTransaction Append(PartitionTransaction other)
    {
        foreach (var action in other._actions)
            Push(action.ActionType, action.Entity, action.ETag);
        return this;
    }

    private PartitionTransaction Push(TableTransactionActionType type, ITableEntity entity, ETag etag)
    {
        if (!string.Equals(entity.PartitionKey, PartitionKey, StringComparison.Ordinal))
            throw new InvalidOperationException("An entity-group transaction holds one partition only.");
        if (_actions.Count == MaxActions)
            throw new InvalidOperationException($"An entity-group transaction holds at most {MaxActions} actions.");
        var size = EstimatedBytes + EstimateBytes(entity);
        if (size > MaxPayloadBytes)
            throw new InvalidOperationException($"An entity-group transaction holds at most {MaxPayloadBytes} bytes.");
        _actions.Add(new TableTransactionAction(type, entity, etag));
        EstimatedBytes = size;
        return this;
    }

    /// <summary>An upper estimate of an entity's share of the request (strings as UTF-16, as the service counts them).</summary>
    internal static long EstimateBytes(ITableEntity entity)
    {
        long bytes = EntityOverheadBytes + 2L * (entity.PartitionKey.Length + entity.RowKey.Length);
        if (entity is TableEntity properties)
        {
            foreach (var (name, value) in properties)
            {
                bytes += PropertyOverheadBytes + 2L * name.Length + value switch
                {
                    string s => 2L * s.Length,
                    byte[] b => (b.Length + 2) / 3 * 4,
                    BinaryData d => (d.ToMemory().Length + 2) / 3 * 4,
                    _ => 16,
                };
            }
        }
        return bytes;
    }
}
