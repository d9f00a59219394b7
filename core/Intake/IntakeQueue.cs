using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Email;
using Solidaire.Core.Storage;
using Solidaire.Core.Work;

namespace Solidaire.Core.Intake;

/// <summary>One intake waiting for triage, as coordinators see it in their queue: no personal data.</summary>
public sealed record QueuedIntake(string Reference, string Role, bool Urgent, bool HasPriority, DateTimeOffset ArrivedAt, string? EmailFailure);

/// <summary>
/// The coordinators' queue (§2 Clients): urgent intakes first (crisis signals, §3.1), then dirigeants
/// and managers, then everyone else, each by arrival. The row key is that order, so reading the
/// queue is one range read in order.
/// </summary>
public sealed class IntakeQueue(Tables tables)
{
    private const string Partition = "queue";

    public static string RowKey(DispatchRequest r) =>
        $"{(r.Urgent ? 0 : 1)}{(r.HasPriority ? 0 : 1)}|{r.CreatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{r.IntakeId}";

    /// <summary>Adds the intake to the queue and records its destruction deadline. Idempotent.</summary>
    public async Task IndexAsync(DispatchRequest r, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, RowKey(r))
        {
            ["Reference"] = Reference.Display(r.IntakeId),
            ["DossierPartition"] = r.DossierPartition,
            ["IntakeId"] = r.IntakeId,
            ["Role"] = r.Role,
            ["Urgent"] = r.Urgent,
            ["HasPriority"] = r.HasPriority,
            ["ArrivedAt"] = r.CreatedAt,
        };
        // Merge: a later run must not erase what an earlier one recorded (EmailFailure).
        await tables.Get(Tables.IntakeQueue).UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        var deadline = new TableEntity(WorkItems.Partition(WorkItems.Destroy, r.DestroyAt), r.WorkRowKey)
        {
            ["DossierPartition"] = r.DossierPartition,
            ["IntakeId"] = r.IntakeId,
            ["QueueRowKey"] = RowKey(r),
        };
        await tables.Get(Tables.Work).UpsertEntityAsync(deadline, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a failed email to the client visible to coordinators, on the intake's queue row.</summary>
    public Task RecordEmailFailureAsync(DispatchRequest r, string reason, CancellationToken cancellationToken) =>
        tables.Get(Tables.IntakeQueue).UpsertEntityAsync(
            new TableEntity(Partition, RowKey(r)) { ["EmailFailure"] = reason },
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Takes a destroyed intake off the queue.</summary>
    public async Task RemoveAsync(string queueRowKey, CancellationToken cancellationToken) =>
        await tables.Get(Tables.IntakeQueue).DeleteEntityAsync(Partition, queueRowKey, ETag.All, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<QueuedIntake>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var result = new List<QueuedIntake>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in tables.Get(Tables.IntakeQueue).QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new QueuedIntake(
                e.GetString("Reference"), e.GetString("Role"), e.GetBoolean("Urgent") ?? false, e.GetBoolean("HasPriority") ?? false,
                e.GetDateTimeOffset("ArrivedAt") ?? default, e.GetString("EmailFailure")));
            if (result.Count == max)
                break;
        }
        return result;
    }
}
