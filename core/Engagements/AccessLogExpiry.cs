using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Engagements;

/// <summary>
/// Ends the log of who read a client's contact details (kept <see cref="RetentionOptions.AccessLogDays"/>
/// for accountability, rule 10): one deadline per intake and day of reads, due when that day's entries
/// are old enough, written once (its id is derived from the intake and the day), so a day of many reads
/// leaves one deadline, not one per read.
/// </summary>
public sealed partial class AccessLogExpiry(IDossierStore dossiers, DestructionLog log, IOptions<RetentionOptions> retention, TimeProvider time,
    ILogger<AccessLogExpiry> logger) : IDeadlineHandler
{
    /// <summary>"Delete this intake's contact-read entries that are old enough": subject = the intake id.</summary>
    public static readonly DeadlineKind Expire = new("access.expire", DeadlineLane.Retention);

    public DeadlineKind Kind => Expire;

    /// <summary>The deadline of the entries of <paramref name="readAt"/>'s day: due at the end of that day plus the log's period.</summary>
    public static Deadline NewDeadline(DossierId dossier, string intakeId, DateTimeOffset readAt, int days)
    {
        var day = readAt.UtcDateTime.Date;
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{dossier.PartitionKey}|{intakeId}|{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}")))[..32];
        return new Deadline(Expire.Name, Expire.Lane, new DateTimeOffset(day, TimeSpan.Zero).AddDays(1 + days), dossier.PartitionKey, intakeId, 0, id);
    }

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var dossier = DossierId.Parse(deadline.Dossier);
        var snapshot = await dossiers.LoadAsync(dossier, [new RowSelector.Prefix(Triage.AccessPrefix + deadline.Subject + "|")], cancellationToken).ConfigureAwait(false);
        var until = time.GetUtcNow().AddDays(-retention.Value.AccessLogDays);
        var due = snapshot.Rows.Where(r => r.GetDateTimeOffset("At") is not { } at || at <= until).ToArray();
        if (!(await Shredder.DestroyAsync(dossiers, dossier, due, guardRowKey: null, cancellationToken).ConfigureAwait(false)).Complete)
            return DeadlineResult.Later(time.GetUtcNow());
        if (due.Length > 0)
        {
            await log.RecordAsync(DestructionKinds.AccessLog, due.Length, 0, cancellationToken).ConfigureAwait(false);
            LogExpired(logger, due.Length);
        }
        return DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} contact-read log entries older than their period were deleted.")]
    private static partial void LogExpired(ILogger logger, int count);
}
