using Azure.Data.Tables;
using Solidaire.Core.Work;

namespace Solidaire.Core.Email;

/// <summary>
/// "Send what this intake's dossier has pending, then index it": a durable work row written before
/// the change itself (record first, reconcile after), so that no email can be left unfound.
/// It carries what the index rows need, so the dispatcher need not read the intake.
/// </summary>
public sealed record DispatchRequest(
    string WorkPartition,
    string DossierPartition,
    string IntakeId,
    string Role,
    bool HasPriority,
    bool Urgent,
    DateTimeOffset CreatedAt,
    DateTimeOffset DestroyAt,
    bool Indexed = false)
{
    public string WorkRowKey => DossierPartition + "|" + IntakeId;

    public TableEntity ToEntity() => new(WorkPartition, WorkRowKey)
    {
        ["DossierPartition"] = DossierPartition,
        ["IntakeId"] = IntakeId,
        ["Role"] = Role,
        ["HasPriority"] = HasPriority,
        ["Urgent"] = Urgent,
        ["CreatedAt"] = CreatedAt,
        ["DestroyAt"] = DestroyAt,
        ["Indexed"] = Indexed,
    };

    public static DispatchRequest From(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("DossierPartition"),
        e.GetString("IntakeId"),
        e.GetString("Role"),
        e.GetBoolean("HasPriority") ?? false,
        e.GetBoolean("Urgent") ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("DestroyAt") ?? DateTimeOffset.MaxValue,
        e.GetBoolean("Indexed") ?? false);

    /// <summary>The same work, due later; only ever rescheduled after the intake was indexed.</summary>
    public DispatchRequest MovedTo(DateTimeOffset due) => this with { WorkPartition = WorkItems.Partition(WorkItems.Dispatch, due), Indexed = true };
}
