using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Intake;

/// <summary>One intake waiting for triage, as coordinators see it in their queue: no personal data.</summary>
public sealed record QueuedIntake(string Reference, string Role, bool Urgent, bool HasPriority, DateTimeOffset ArrivedAt, string? EmailFailure);

/// <summary>
/// The coordinators' queue (§2 Clients): urgent intakes first (crisis signals, §3.1), then dirigeants
/// and managers, then everyone else, each by arrival. The row key is that order, so reading the
/// queue is one range read in order. An intake is indexed by its own deadline (at once, from the
/// request's memory, or by the runner after a crash).
/// </summary>
public sealed class IntakeQueue(Tables tables, IDossierStore dossiers) : IDeadlineHandler, IEmailFailureObserver
{
    /// <summary>"Put this intake in the queue": subject = the intake id.</summary>
    public static readonly DeadlineKind Index = new("intake.index", DeadlineLane.Prompt);

    private const string Partition = "queue";
    private const string ReferenceColumn = "Reference";
    private const string DossierColumn = "DossierPartition";
    private const string IntakeIdColumn = "IntakeId";
    private const string RoleColumn = "Role";
    private const string UrgentColumn = "Urgent";
    private const string HasPriorityColumn = "HasPriority";
    private const string ArrivedAtColumn = "ArrivedAt";
    private const string EmailFailureColumn = "EmailFailure";

    public DeadlineKind Kind => Index;

    public static string RowKey(IntakeRow r) =>
        $"{(r.Urgent ? 0 : 1)}{(r.HasPriority ? 0 : 1)}|{r.CreatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{r.IntakeId}";

    private TableClient Table => tables.Get(Tables.IntakeQueue);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var dossier = DossierId.Parse(deadline.Dossier);
        // Gone (destroyed, or its request never committed): nothing to queue.
        if (await ReadIntakeAsync(dossier, deadline.Subject, cancellationToken).ConfigureAwait(false) is { } intake)
            await IndexAsync(dossier, intake, cancellationToken).ConfigureAwait(false);
        return DeadlineResult.Done;
    }

    /// <summary>Adds the intake to the queue. Idempotent.</summary>
    public async Task IndexAsync(DossierId dossier, IntakeRow r, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, RowKey(r))
        {
            [ReferenceColumn] = Reference.Display(r.IntakeId),
            [DossierColumn] = dossier.PartitionKey,
            [IntakeIdColumn] = r.IntakeId,
            [RoleColumn] = r.Role,
            [UrgentColumn] = r.Urgent,
            [HasPriorityColumn] = r.HasPriority,
            [ArrivedAtColumn] = r.CreatedAt,
        };
        // Merge: indexing again must not erase what was recorded since (EmailFailure). Intakes indexed
        // at the same time share one request: the queue is one partition.
        await tables.Grouped(Tables.IntakeQueue, Partition).CommitAsync(new PartitionTransaction(Partition).UpsertMerge(row), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a failed email to the client visible to coordinators, on the intake's queue row.</summary>
    public async Task OnFailedAsync(RetentionUnit unit, string kind, string reason, CancellationToken cancellationToken)
    {
        // Only the acknowledgement: its failure means the client never heard from us.
        if (kind != IntakeEmails.Acknowledgement || await ReadIntakeAsync(unit.Dossier, unit.Id, cancellationToken).ConfigureAwait(false) is not { } intake)
            return;
        await Table.UpsertEntityAsync(new TableEntity(Partition, RowKey(intake)) { [EmailFailureColumn] = reason }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a destroyed intake off the queue.</summary>
    /// <summary>
    /// Takes an intake off the queue knowing only its id (a destruction resumed after its intake row
    /// went): one query of the queue's partition, which holds only the intakes waiting for triage.
    /// </summary>
    public async Task RemoveAsync(string intakeId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and IntakeId eq {intakeId}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await Table.DeleteEntityAsync(Partition, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
    }

    public async Task RemoveAsync(IntakeRow intake, CancellationToken cancellationToken)
    {
        // ETag.All: whatever the row holds, it goes with the intake; already gone is fine.
        try
        {
            await Table.DeleteEntityAsync(Partition, RowKey(intake), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>
    /// One page of the queue in its order, after <paramref name="after"/> (a row key a previous page
    /// ended with): the dossier and intake of each, and where the next page starts (null at the end).
    /// One read.
    /// </summary>
    public async Task<(IReadOnlyList<(DossierId Dossier, string IntakeId)> Items, string? Next)> PageAsync(string? after, int size, CancellationToken cancellationToken)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {after}");
        var rows = new List<TableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: size + 1, select: ["RowKey", DossierColumn, IntakeIdColumn], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(e);
            if (rows.Count > size)
                break;
        }
        var page = rows.Take(size).ToArray();
        return ([.. page.Select(e => (DossierId.Parse(e.GetString(DossierColumn)), e.GetString(IntakeIdColumn)))], rows.Count > size ? page[^1].RowKey : null);
    }

    public async Task<IReadOnlyList<QueuedIntake>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var result = new List<QueuedIntake>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new QueuedIntake(
                e.GetString(ReferenceColumn), e.GetString(RoleColumn), e.GetBoolean(UrgentColumn) ?? false, e.GetBoolean(HasPriorityColumn) ?? false,
                e.GetDateTimeOffset(ArrivedAtColumn) ?? default, e.GetString(EmailFailureColumn)));
            if (result.Count == max)
                break;
        }
        return result;
    }

    private async Task<IntakeRow?> ReadIntakeAsync(DossierId dossier, string intakeId, CancellationToken cancellationToken)
    {
        var key = DossierKeys.Intake(intakeId);
        var snapshot = await dossiers.LoadAsync(dossier, [new RowSelector.Exact(key)], cancellationToken).ConfigureAwait(false);
        return snapshot.Find(key) is { } row ? IntakeRow.From(row) : null;
    }
}
