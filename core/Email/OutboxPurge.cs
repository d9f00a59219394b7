using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Email;

/// <summary>
/// Destroys a unit's outbox rows <see cref="RetentionOptions.OutboxDays"/> after their last attempt
/// (kept that long for delivery troubleshooting, rule 10). Every change that writes emails writes
/// this deadline in the batch with their dispatch deadline (no round trip of its own), due when
/// they would be kept long enough if sent at once; a row sent later (a retry) or still being sent
/// moves the deadline to its own date. The rows are sealed with the unit's key, which can live far
/// longer (a contract's, a staff member's): deleting the rows is what ends them.
/// </summary>
public sealed partial class OutboxPurge(IDossierStore dossiers, DestructionLog log, IOptions<RetentionOptions> retention, TimeProvider time,
    ILogger<OutboxPurge> logger) : IDeadlineHandler
{
    /// <summary>"Delete this unit's settled emails once kept long enough": subject = the retention unit.</summary>
    public static readonly DeadlineKind Purge = new("email.purge", DeadlineLane.Retention);

    public DeadlineKind Kind => Purge;

    /// <summary>The purge of emails leased until <paramref name="leasedUntil"/>: due when the last of them, sent then, has been kept long enough.</summary>
    public static Deadline NewDeadline(RetentionUnit unit, DateTimeOffset leasedUntil, int outboxDays) =>
        Deadline.New(Purge, leasedUntil.AddDays(outboxDays), unit.Dossier.PartitionKey, unit.Id);

    /// <summary>When a settled row's time is up (<paramref name="settled"/>), or, for one still being sent, the earliest it could be.</summary>
    public static DateTimeOffset DestroyAt(TableEntity row, int outboxDays, out bool settled)
    {
        settled = row.GetString(OutboxRow.Status) is OutboxStatus.Sent or OutboxStatus.Failed;
        var last = settled
            ? row.GetDateTimeOffset(OutboxRow.SentAt) ?? row.GetDateTimeOffset(OutboxRow.LastAttemptAt)
            : OutboxRow.NextDue(row);
        return (last ?? row.GetDateTimeOffset(OutboxRow.CreatedAt) ?? DateTimeOffset.MinValue).AddDays(outboxDays);
    }

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(DossierId.Parse(deadline.Dossier), deadline.Subject);
        var snapshot = await dossiers.LoadAsync(unit.Dossier, [new RowSelector.Prefix(DossierKeys.OutboxPrefix(unit.Id))], cancellationToken).ConfigureAwait(false);
        var days = retention.Value.OutboxDays;
        var now = time.GetUtcNow();
        var rows = snapshot.Rows.Select(r => (Row: r, At: DestroyAt(r, days, out var settled), Settled: settled)).ToArray();
        var due = rows.Where(r => r.Settled && r.At <= now).Select(r => r.Row).ToArray();
        if (!(await Shredder.DestroyAsync(dossiers, unit.Dossier, due, guardRowKey: null, cancellationToken).ConfigureAwait(false)).Complete)
            return DeadlineResult.Later(now); // a row changed meanwhile: look again
        if (due.Length > 0)
        {
            await log.RecordAsync(DestructionKinds.Outbox, due.Length, 0, cancellationToken).ConfigureAwait(false);
            LogPurged(logger, due.Length);
        }
        // A row settled later than this deadline foresaw (sent on a retry), or still being sent, is still this deadline's to finish.
        var left = rows.Where(r => !(r.Settled && r.At <= now)).Select(r => r.At).ToArray();
        return left.Length > 0 ? DeadlineResult.Later(left.Min() > now ? left.Min() : now.AddDays(1)) : DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sent email(s) kept long enough were deleted from the outbox.")]
    private static partial void LogPurged(ILogger logger, int count);
}
