using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Intake;

/// <summary>
/// Destroys an intake whose retention ended (rule 10; §3.12, §4.11): its data key first (crypto-
/// shredding: any copy of its sealed fields, anywhere, is now unreadable), with every row of its
/// unit (the intake, its emails, its duplicate markers, its engagements and their feedback), then takes it off the coordinators' queue.
/// A record whose own date moved later is kept, and its deadline moves to that date.
/// </summary>
public sealed partial class IntakeDestruction(IDossierStore dossiers, IntakeQueue queue, TimeProvider time, ILogger<IntakeDestruction> logger) : IDeadlineHandler
{
    /// <summary>"Destroy this intake when its time comes": subject = the intake id (its retention unit).</summary>
    public static readonly DeadlineKind Destroy = new("intake.destroy", DeadlineLane.Retention);

    public DeadlineKind Kind => Destroy;

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(DossierId.Parse(deadline.Dossier), deadline.Subject);
        var intakeKey = DossierKeys.Intake(unit.Id);
        var snapshot = await dossiers.LoadAsync(unit.Dossier,
        [
            new RowSelector.Exact(unit.DataKeyRow),
            new RowSelector.Exact(intakeKey),
            new RowSelector.Prefix(DossierKeys.OutboxPrefix(unit.Id)),
            new RowSelector.Prefix(Engagements.Engagement.PrefixOf(unit.Id)),
            new RowSelector.Prefix(Sessions.StoredSession.PrefixOf(unit.Id)),
            new RowSelector.Prefix(Feedback.FeedbackAnswer.PrefixOf(unit.Id)),
            IntakeMarker.Of(unit.Id),
        ], cancellationToken).ConfigureAwait(false);

        var intake = snapshot.Find(intakeKey) is { } row ? IntakeRow.From(row) : null;
        if (intake is not null && intake.DestroyAt > time.GetUtcNow())
            return DeadlineResult.Later(intake.DestroyAt);

        // The key and the intake in the first transaction: the intake's ETag guards its date, and
        // if a later batch fails, what remains is already unreadable.
        var ordered = snapshot.Rows.OrderBy(r => r.RowKey == unit.DataKeyRow ? 0 : r.RowKey == intakeKey ? 1 : 2).ToArray();
        foreach (var chunk in ordered.Chunk(PartitionTransaction.MaxActions))
        {
            var transaction = new PartitionTransaction(unit.Dossier.PartitionKey);
            foreach (var r in chunk)
                transaction.Delete(r, r.ETag);
            var deleted = await dossiers.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (!deleted.IsSuccess)
                return DeadlineResult.Later(time.GetUtcNow()); // it changed meanwhile: look again
        }
        if (intake is not null)
            await queue.RemoveAsync(intake, cancellationToken).ConfigureAwait(false);
        if (snapshot.Rows.Count > 0)
            LogDestroyed(logger);
        return DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An intake whose retention period had ended was destroyed.")]
    private static partial void LogDestroyed(ILogger logger);
}
