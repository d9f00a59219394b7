using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Complaints;

/// <summary>
/// Destroys a complaint's file <see cref="RetentionOptions.ComplaintYears"/> after it was closed (time
/// to see a repeated breach, §4.8): its data key first, then its row and what is left of its emails.
/// An open complaint is never due; the deadline is written when it is closed.
/// </summary>
public sealed partial class ComplaintDestruction(IDossierStore dossiers, DestructionLog log, IOptions<RetentionOptions> retention, TimeProvider time,
    ILogger<ComplaintDestruction> logger) : IDeadlineHandler
{
    /// <summary>"Destroy this complaint's file": subject = the complaint id (its retention unit).</summary>
    public static readonly DeadlineKind Destroy = new("complaint.destroy", DeadlineLane.Retention);

    public DeadlineKind Kind => Destroy;

    public static Deadline NewDeadline(string complaintId, DateTimeOffset closedAt, RetentionOptions retention) =>
        Deadline.New(Destroy, closedAt.AddYears(retention.ComplaintYears), DossierId.Complaints.PartitionKey, complaintId);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = ComplaintRow.UnitOf(deadline.Subject);
        var key = DossierKeys.Complaint(unit.Id);
        var snapshot = await dossiers.LoadAsync(unit.Dossier,
            [new RowSelector.Exact(unit.DataKeyRow), new RowSelector.Exact(key), new RowSelector.Prefix(DossierKeys.OutboxPrefix(unit.Id))],
            cancellationToken).ConfigureAwait(false);
        if (snapshot.Rows.Count == 0)
            return DeadlineResult.Done;
        if (snapshot.Find(key) is { } row)
        {
            // The closing date is the record's own: a complaint not closed (the deadline outran its commit) is not due.
            if (row.GetDateTimeOffset(ComplaintRow.ClosedAt) is not { } closedAt)
                return DeadlineResult.Done;
            var due = closedAt.AddYears(retention.Value.ComplaintYears);
            if (due > time.GetUtcNow())
                return DeadlineResult.Later(due);
        }
        var shredded = await Shredder.DestroyAsync(dossiers, unit.Dossier, snapshot.Rows, key, cancellationToken).ConfigureAwait(false);
        if (!shredded.Complete)
            return DeadlineResult.Later(time.GetUtcNow());
        await log.RecordAsync(DestructionKinds.Complaint, shredded.Rows, shredded.Keys, cancellationToken).ConfigureAwait(false);
        LogDestroyed(logger);
        return DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A closed complaint whose retention period had ended was destroyed.")]
    private static partial void LogDestroyed(ILogger logger);
}
