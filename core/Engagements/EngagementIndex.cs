using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Engagements;

/// <summary>One engagement as its coach's list and the conflict check see it: ids, status, dates, a keyed hash of the organisation.</summary>
public sealed record IndexedEngagement(string CoachId, DossierId Dossier, string IntakeId, string EngagementId, string Status, DateTimeOffset AssignedAt, string? OrganisationHash,
    string? Outcome = null, DateTimeOffset? ClosedAt = null)
{
    public string ApiId => StaffIds.Engagement(Dossier, IntakeId, EngagementId);
}

/// <summary>
/// The Engagements table: one partition per coach (their list is one read), one row per engagement.
/// Written after the dossier changed, by a deadline recorded before the change, so it can lag but
/// never miss one. It holds no personal data: the organisation only as a keyed hash.
/// </summary>
public sealed class EngagementIndex(Tables tables, IDossierStore dossiers) : IDeadlineHandler
{
    /// <summary>"Bring this engagement's index row up to date": subject = "intakeId|engagementId".</summary>
    public static readonly DeadlineKind Index = new("engagement.index", DeadlineLane.Prompt);

    public DeadlineKind Kind => Index;

    private TableClient Table => tables.Get(Tables.Engagements);

    public static Deadline NewDeadline(DateTimeOffset due, DossierId dossier, string intakeId, string engagementId) =>
        Deadline.New(Index, due, dossier.PartitionKey, intakeId + "|" + engagementId);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var dossier = DossierId.Parse(deadline.Dossier);
        var ids = deadline.Subject.Split('|');
        var key = Engagement.RowKeyOf(ids[0], ids[1]);
        var snapshot = await dossiers.LoadAsync(dossier, [new RowSelector.Exact(key)], cancellationToken).ConfigureAwait(false);
        if (snapshot.Find(key) is { } row)
            await WriteAsync(dossier, Engagement.From(row), cancellationToken).ConfigureAwait(false);
        return DeadlineResult.Done;
    }

    /// <summary>Writes the engagement's index row as it now is. Idempotent.</summary>
    public async Task WriteAsync(DossierId dossier, Engagement engagement, CancellationToken cancellationToken)
    {
        var row = new TableEntity(engagement.CoachId, StaffIds.Engagement(dossier, engagement.IntakeId, engagement.EngagementId))
        {
            ["Dossier"] = dossier.PartitionKey,
            ["IntakeId"] = engagement.IntakeId,
            ["EngagementId"] = engagement.EngagementId,
            ["Status"] = engagement.Status,
            ["AssignedAt"] = engagement.AssignedAt,
            ["OrganisationHash"] = engagement.OrganisationHash,
            ["Outcome"] = engagement.Outcome,
            ["ClosedAt"] = engagement.ClosedAt,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A coach's engagements, newest first. One read.</summary>
    /// <summary>Takes destroyed engagements off their coaches' lists (already gone is fine): one request per engagement.</summary>
    public async Task RemoveAsync(DossierId dossier, IEnumerable<Engagement> engagements, CancellationToken cancellationToken)
    {
        foreach (var e in engagements)
        {
            try
            {
                await Table.DeleteEntityAsync(e.CoachId, StaffIds.Engagement(dossier, e.IntakeId, e.EngagementId), ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
            }
        }
    }

    public async Task<IReadOnlyList<IndexedEngagement>> OfCoachAsync(string coachId, CancellationToken cancellationToken)
    {
        var list = new List<IndexedEngagement>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {coachId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(From(e));
        return [.. list.OrderByDescending(e => e.AssignedAt)];
    }

    /// <summary>Every engagement of the collective, or those of one status, newest first: one query of the index (no personal data in it).</summary>
    public async Task<IReadOnlyList<IndexedEngagement>> AllAsync(string? status, CancellationToken cancellationToken)
    {
        var list = new List<IndexedEngagement>();
        var filter = status is null ? null : TableClient.CreateQueryFilter($"Status eq {status}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(From(e));
        return [.. list.OrderByDescending(e => e.AssignedAt)];
    }

    /// <summary>The coaches with an open engagement with someone of this organisation (§3.20). One query.</summary>
    public async Task<IReadOnlyList<string>> CoachesWithOrganisationAsync(string organisationHash, CancellationToken cancellationToken)
    {
        var coaches = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"OrganisationHash eq {organisationHash}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (EngagementStatus.IsOpen(e.GetString("Status")))
                coaches.Add(e.PartitionKey);
        }
        return [.. coaches.Order(StringComparer.Ordinal)];
    }

    private static IndexedEngagement From(TableEntity e) => new(
        e.PartitionKey, DossierId.Parse(e.GetString("Dossier")), e.GetString("IntakeId"), e.GetString("EngagementId"),
        e.GetString("Status"), e.GetDateTimeOffset("AssignedAt") ?? default, e.GetString("OrganisationHash"), e.GetString("Outcome"), e.GetDateTimeOffset("ClosedAt"));
}
