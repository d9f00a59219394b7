using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Erasure;

/// <summary>
/// Destroys an erasure's notices (its confirmation to the client, its notices to coaches) once their
/// time in the outbox is over: <see cref="RetentionOptions.OutboxDays"/> after the last was sent or
/// failed for good (delivery troubleshooting), key first. While one still waits for a sender, it waits too.
/// </summary>
public sealed partial class NoticeDestruction(IDossierStore dossiers, DestructionLog log, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<NoticeDestruction> logger) : IDeadlineHandler
{
    /// <summary>"Destroy these notices": subject = their unit in <see cref="DossierId.Notices"/>.</summary>
    public static readonly DeadlineKind Destroy = new("notice.destroy", DeadlineLane.Retention);

    public DeadlineKind Kind => Destroy;

    public static Deadline NewDeadline(RetentionUnit notices, DateTimeOffset due) =>
        Deadline.New(Destroy, due, notices.Dossier.PartitionKey, notices.Id);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(DossierId.Parse(deadline.Dossier), deadline.Subject);
        var snapshot = await dossiers.LoadAsync(unit.Dossier, [new RowSelector.Exact(unit.DataKeyRow), new RowSelector.Prefix(DossierKeys.OutboxPrefix(unit.Id))], cancellationToken).ConfigureAwait(false);
        if (snapshot.Rows.Count == 0)
            return DeadlineResult.Done;
        var now = time.GetUtcNow();
        var outbox = snapshot.WithPrefix(DossierKeys.OutboxPrefix(unit.Id)).ToArray();
        var keep = TimeSpan.FromDays(retention.Value.OutboxDays);
        if (outbox.Any(r => r.GetString(OutboxRow.Status) is OutboxStatus.Pending or OutboxStatus.Sending))
            return DeadlineResult.Later(now + keep); // still to be sent: its time in the outbox has not started
        var last = outbox.Select(r => r.GetDateTimeOffset(OutboxRow.SentAt) ?? r.GetDateTimeOffset(OutboxRow.NextAttemptAt) ?? now).DefaultIfEmpty(now - keep).Max();
        if (last + keep > now)
            return DeadlineResult.Later(last + keep);
        var shredded = await Shredder.DestroyAsync(dossiers, unit.Dossier, snapshot.Rows, null, cancellationToken).ConfigureAwait(false);
        if (!shredded.Complete)
            return DeadlineResult.Later(now); // a send was recorded meanwhile: look again
        await log.RecordAsync(DestructionKinds.Outbox, shredded.Rows, shredded.Keys, cancellationToken).ConfigureAwait(false);
        LogDestroyed(logger);
        return DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An erasure's notices were destroyed after their time in the outbox.")]
    private static partial void LogDestroyed(ILogger logger);
}
