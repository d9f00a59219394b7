using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Email;

/// <summary>
/// Sends a retention unit's outbox, exactly once as far as storage can tell: messages are leased
/// (ETag-guarded, one transaction) before they are sent, and every outcome is recorded in one
/// transaction right after the provider answered. Only a crash between those two points can send a
/// message twice (SendGrid has no idempotency key); none is ever lost, because the unit's dispatch
/// deadline outlives every crash.
/// </summary>
public sealed partial class OutboxSender(
    IDossierStore dossiers,
    IEmailSender sender,
    PersonalDataProtector protector,
    IEnumerable<IEmailFailureObserver> observers,
    IEnumerable<IEmailSentObserver> sentObservers,
    IEnumerable<IAttachmentSource> attachments,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : IDeadlineHandler
{
    /// <summary>"Send what this unit's outbox holds": subject = the retention unit.</summary>
    public static readonly DeadlineKind Dispatch = new("email.dispatch", DeadlineLane.Prompt);

    public DeadlineKind Kind => Dispatch;

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(DossierId.Parse(deadline.Dossier), deadline.Subject);
        var snapshot = await dossiers.LoadAsync(unit.Dossier, [new RowSelector.Exact(unit.DataKeyRow), new RowSelector.Prefix(DossierKeys.OutboxPrefix(unit.Id))], cancellationToken).ConfigureAwait(false);
        // No data key: the unit was destroyed (its mail with it), or the change that wrote this deadline never committed.
        if (DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrappedKey)
            return DeadlineResult.Done;
        var rows = snapshot.WithPrefix(DossierKeys.OutboxPrefix(unit.Id)).ToArray();
        var now = time.GetUtcNow();
        var due = rows.Where(r => OutboxRow.IsDue(r, now)).ToArray();
        if (due.Length > 0)
        {
            if (!await LeaseAsync(unit, due, now, cancellationToken).ConfigureAwait(false))
                return DeadlineResult.Later(now + options.Value.SendLease); // another sender has them: look again when its lease ends
            using var cipher = UnitCipher.Open(protector, unit, wrappedKey);
            await SendAndRecordAsync(unit, due.Select(r => OutboxRow.Open(cipher, r)).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        return Next(rows);
    }

    /// <summary>
    /// Sends messages this process leased when it wrote them (a request's own emails, from memory),
    /// records the outcomes in one transaction, and says when the unit's outbox next needs a sender.
    /// </summary>
    public async Task<DeadlineResult> SendLeasedAsync(RetentionUnit unit, IReadOnlyList<OutboxMessage> leased, CancellationToken cancellationToken)
    {
        await SendAndRecordAsync(unit, leased, cancellationToken).ConfigureAwait(false);
        return Next(leased.Select(m => m.Row));
    }

    private DeadlineResult Next(IEnumerable<Azure.Data.Tables.TableEntity> rows) =>
        rows.Select(OutboxRow.NextDue).Min() is { } next ? DeadlineResult.Later(next) : DeadlineResult.Done;

    private async Task<bool> LeaseAsync(RetentionUnit unit, IReadOnlyList<Azure.Data.Tables.TableEntity> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = new PartitionTransaction(unit.Dossier.PartitionKey);
        foreach (var row in due)
        {
            row[OutboxRow.Status] = OutboxStatus.Sending;
            row[OutboxRow.Attempts] = (row.GetInt32(OutboxRow.Attempts) ?? 0) + 1;
            row[OutboxRow.LeaseUntil] = now + options.Value.SendLease;
            transaction.Replace(row, row.ETag);
        }
        var leased = await dossiers.CommitAsync(transaction).ConfigureAwait(false);
        if (!leased.IsSuccess)
            return false;
        leased.Value.ApplyTo(due);
        return true;
    }

    private async Task SendAndRecordAsync(RetentionUnit unit, IReadOnlyList<OutboxMessage> leased, CancellationToken cancellationToken)
    {
        // A document named by several messages of one batch (a signed contract's PDF to both parties) is made once.
        var made = new Dictionary<string, Task<EmailAttachment?>>(StringComparer.Ordinal);
        foreach (var m in leased)
        {
            if (m.Email.AttachmentReference is { } reference && !made.ContainsKey(reference + "|" + m.Email.Language))
                made[reference + "|" + m.Email.Language] = MakeAttachmentAsync(unit, reference, m.Email.Language, cancellationToken);
        }
        var sending = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(leased.Select(m => SendOneAsync(m.Email, made, cancellationToken))).ConfigureAwait(false);
        var o = options.Value;
        var now = time.GetUtcNow();
        var transaction = new PartitionTransaction(unit.Dossier.PartitionKey);
        for (var i = 0; i < leased.Count; i++)
        {
            var row = leased[i].Row;
            var attempts = row.GetInt32(OutboxRow.Attempts) ?? 1;
            row[OutboxRow.LastAttemptAt] = now;
            switch (outcomes[i])
            {
                case SendOutcome.Sent:
                    row[OutboxRow.Status] = OutboxStatus.Sent;
                    row[OutboxRow.SentAt] = now;
                    break;
                case SendOutcome.Transient t when attempts < o.MaxAttempts:
                    row[OutboxRow.Status] = OutboxStatus.Pending;
                    row[OutboxRow.NextAttemptAt] = now + (t.After ?? Backoff(attempts, o));
                    row[OutboxRow.LastError] = t.Reason;
                    LogRetry(logger, leased[i].Email.MessageId, leased[i].Kind, t.Reason, attempts);
                    break;
                case SendOutcome.Transient t:
                    Fail(row, t.Reason);
                    break;
                case SendOutcome.ConfigurationFault f:
                    // Not this email's fault: it waits, its attempt given back, until the configuration is mended.
                    row[OutboxRow.Status] = OutboxStatus.Pending;
                    row[OutboxRow.Attempts] = attempts - 1;
                    row[OutboxRow.NextAttemptAt] = now + o.ConfigurationFaultRetryDelay;
                    row[OutboxRow.LastError] = f.Reason;
                    LogConfigurationFault(logger, f.Reason, leased[i].Email.MessageId, o.ConfigurationFaultRetryDelay);
                    break;
                case SendOutcome.Permanent p:
                    Fail(row, p.Reason);
                    break;
            }
            transaction.Replace(row, row.ETag);
        }
        // Right after the provider's answers, before anything else: the duplicate-send window is this one call.
        var recorded = await RecordAsync(transaction, leased, sending, cancellationToken).ConfigureAwait(false);
        if (!recorded.IsSuccess)
        {
            // Our lease ran out and another sender took the messages over: theirs is the record now.
            LogLeaseLost(logger, leased.Count);
            return;
        }
        recorded.Value.ApplyTo(leased.Select(m => m.Row).ToArray());
        for (var i = 0; i < leased.Count; i++)
        {
            var (row, email) = (leased[i].Row, leased[i].Email);
            if (outcomes[i] is SendOutcome.Sent)
            {
                LogSent(logger, email.MessageId, leased[i].Kind);
                foreach (var observer in sentObservers)
                    await observer.OnSentAsync(unit, leased[i].Kind, email.MessageId, cancellationToken).ConfigureAwait(false);
            }
            if (row.GetString(OutboxRow.Status) != OutboxStatus.Failed)
                continue;
            var reason = row.GetString(OutboxRow.LastError);
            LogFailed(logger, email.MessageId, leased[i].Kind, reason);
            foreach (var observer in observers)
                await observer.OnFailedAsync(unit, leased[i].Kind, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records the provider's answers. Storage down at that moment would otherwise leave the messages for
    /// another sender once their lease ends, and each would go out twice: so the record is tried again,
    /// every <see cref="RecordRetryDelay"/>, while the lease still holds with a send's time to spare (by the
    /// rows' lease in app time, and by the time spent since sending began). After that, the next sender's
    /// second send is the only safe choice.
    /// </summary>
    private async Task<Outcome<CommitReceipt>> RecordAsync(PartitionTransaction transaction, IReadOnlyList<OutboxMessage> leased, System.Diagnostics.Stopwatch sending, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var leaseEnds = leased.Min(m => m.Row.GetDateTimeOffset(OutboxRow.LeaseUntil)) ?? time.GetUtcNow() + o.SendLease;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await dossiers.CommitAsync(transaction).ConfigureAwait(false);
            }
            catch (Exception e) when (Tables.IsUnavailable(e)
                && !cancellationToken.IsCancellationRequested
                && time.GetUtcNow() + RecordRetryDelay + o.SendTimeout < leaseEnds
                && sending.Elapsed + RecordRetryDelay + o.SendTimeout < o.SendLease)
            {
                LogRecordRetry(logger, leased.Count, e.GetType().Name, attempt);
                await Task.Delay(RecordRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Real time between two tries of recording what the provider answered, while storage is down.</summary>
    internal static readonly TimeSpan RecordRetryDelay = TimeSpan.FromSeconds(1);

    private async Task<SendOutcome> SendOneAsync(OutgoingEmail email, Dictionary<string, Task<EmailAttachment?>> made, CancellationToken cancellationToken)
    {
        try
        {
            if (email.AttachmentReference is { } reference && await made[reference + "|" + email.Language].ConfigureAwait(false) is { } attachment)
                email = email with { Attachments = [attachment] };
            return await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return new SendOutcome.Transient(e.GetType().Name, null);
        }
    }

    /// <summary>The document a reference names, made now from the unit's records (never kept in the outbox).</summary>
    private Task<EmailAttachment?> MakeAttachmentAsync(RetentionUnit unit, string reference, string language, CancellationToken cancellationToken)
    {
        var kind = reference.Split('|')[0];
        var source = attachments.FirstOrDefault(a => a.Kind == kind)
            ?? throw new InvalidOperationException($"No attachment source for '{kind}'.");
        return source.MakeAsync(unit, reference, language, cancellationToken);
    }

    private static void Fail(Azure.Data.Tables.TableEntity row, string reason)
    {
        row[OutboxRow.Status] = OutboxStatus.Failed;
        row[OutboxRow.LastError] = reason;
    }

    internal static TimeSpan Backoff(int attempts, EmailOptions o) => Deadlines.Backoff.Exponential(attempts, o.FirstRetryDelay, o.MaxRetryDelay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} ({Kind}) sent.")]
    private static partial void LogSent(ILogger logger, string messageId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} ({Kind}) not sent ({Reason}), attempt {Attempt}; will retry.")]
    private static partial void LogRetry(ILogger logger, string messageId, string kind, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MessageId} ({Kind}) failed for good ({Reason}).")]
    private static partial void LogFailed(ILogger logger, string messageId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "EMAIL CONFIGURATION FAULT: the provider refused this app's credentials ({Reason}); no email can leave until Email:SendGridApiKey (and the verified sender) are mended. Email {MessageId} waits and is tried again in {RetryIn}.")]
    private static partial void LogConfigurationFault(ILogger logger, string reason, string messageId, TimeSpan retryIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable ({ExceptionType}) when recording {Count} email(s) the provider answered for; record attempt {Attempt}, tried again while their lease holds.")]
    private static partial void LogRecordRetry(ILogger logger, int count, string exceptionType, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} email(s) were taken over by another sender after this one's lease ran out; its record stands.")]
    private static partial void LogLeaseLost(ILogger logger, int count);
}
