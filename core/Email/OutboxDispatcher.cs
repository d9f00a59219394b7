using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Storage;
using Solidaire.Core.Work;

namespace Solidaire.Core.Email;

/// <summary>
/// Sends what the outbox holds, exactly once as far as storage can tell: a message is leased
/// (ETag-guarded) before it is sent and recorded as sent in the very next storage call after the
/// provider accepted it. Only a crash between those two points can send it twice (no idempotency
/// key exists at SendGrid); a message is never lost, because its work row outlives every crash.
/// </summary>
public sealed partial class OutboxDispatcher(
    Tables tables,
    IEmailSender sender,
    PersonalDataProtector protector,
    IntakeQueue queue,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>A work row whose dossier change never committed is dropped after this (the change may still be on its way).</summary>
    internal static readonly TimeSpan OrphanGrace = TimeSpan.FromMinutes(5);

    /// <summary>Processes every dispatch that is due. Returns how many work rows it handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var filter = WorkItems.DueFilter(WorkItems.Dispatch, time.GetUtcNow());
        var due = new List<DispatchRequest>();
        await foreach (var e in tables.Get(Tables.Work).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            due.Add(DispatchRequest.From(e));
        foreach (var request in due)
            await ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        return due.Count;
    }

    public async Task ProcessAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        // The intake's emails and its data key, in one read of the dossier partition.
        var keyRow = DossierRows.DataKey(request.IntakeId);
        var prefix = DossierRows.OutboxPrefix(request.IntakeId);
        var end = DossierRows.PrefixEnd(prefix);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {request.DossierPartition} and (RowKey eq {keyRow} or (RowKey ge {prefix} and RowKey lt {end}))");
        var messages = new List<TableEntity>();
        string? wrappedKey = null;
        await foreach (var e in tables.Get(Tables.Dossiers).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey == keyRow)
                wrappedKey = e.GetString("WrappedKey");
            else
                messages.Add(e);
        }

        var now = time.GetUtcNow();
        if (messages.Count == 0)
        {
            // The dossier change this row announced never committed (a duplicate, or a crash before it).
            if (now - request.CreatedAt > OrphanGrace)
                await DeleteWorkRowAsync(request, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Once per intake: a rescheduled work row says it was done.
        if (!request.Indexed)
            await queue.IndexAsync(request, cancellationToken).ConfigureAwait(false);

        // No data key: destroyed, so its messages can never be sent.
        if (wrappedKey is not null && messages.Any(m => IsDue(m, now)))
        {
            using var key = protector.UnwrapDataKey(wrappedKey, DossierRows.KeyOwner(request.DossierPartition, request.IntakeId));
            foreach (var message in messages.Where(m => IsDue(m, now)))
                await SendOneAsync(request, message, key, cancellationToken).ConfigureAwait(false);
        }

        var next = wrappedKey is null
            ? null
            : messages
                .Where(m => m.GetString("Status") is OutboxStatus.Pending or OutboxStatus.Sending)
                .Select(m => m.GetString("Status") == OutboxStatus.Sending ? m.GetDateTimeOffset("LeaseUntil") : m.GetDateTimeOffset("NextAttemptAt"))
                .Min();
        if (next is { } due)
            await RescheduleAsync(request, due, cancellationToken).ConfigureAwait(false);
        else
            await DeleteWorkRowAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsDue(TableEntity m, DateTimeOffset now) => m.GetString("Status") switch
    {
        OutboxStatus.Pending => m.GetDateTimeOffset("NextAttemptAt") <= now,
        OutboxStatus.Sending => m.GetDateTimeOffset("LeaseUntil") <= now, // its sender died: take over
        _ => false,
    };

    /// <summary>Lease, send, record. The entity is updated in place so the caller sees its new state.</summary>
    private async Task SendOneAsync(DispatchRequest request, TableEntity message, DataKey key, CancellationToken cancellationToken)
    {
        var dossiers = tables.Get(Tables.Dossiers);
        var o = options.Value;
        var now = time.GetUtcNow();
        var attempts = (message.GetInt32("Attempts") ?? 0) + 1;
        message["Status"] = OutboxStatus.Sending;
        message["Attempts"] = attempts;
        message["LeaseUntil"] = now + o.SendLease;
        try
        {
            var leased = await dossiers.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            message.ETag = leased.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return; // another dispatcher has it
        }

        var email = Outbox.Open(protector, key, message);
        var outcome = await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
        var kind = message.GetString("Kind");
        switch (outcome)
        {
            case SendOutcome.Sent:
                message["Status"] = OutboxStatus.Sent;
                message["SentAt"] = time.GetUtcNow();
                break;
            case SendOutcome.Transient t when attempts < o.MaxAttempts:
                message["Status"] = OutboxStatus.Pending;
                message["NextAttemptAt"] = time.GetUtcNow() + (t.After ?? Backoff(attempts, o));
                message["LastError"] = t.Reason;
                LogRetry(logger, email.MessageId, kind, t.Reason, attempts);
                break;
            case SendOutcome.Transient t:
                Fail(message, t.Reason);
                break;
            case SendOutcome.Permanent p:
                Fail(message, p.Reason);
                break;
        }
        // Right after the provider's answer, before anything else: the duplicate-send window is this one call.
        var recorded = await dossiers.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
        message.ETag = recorded.Headers.ETag ?? default;

        if (outcome is SendOutcome.Sent)
            LogSent(logger, email.MessageId, kind);
        if (message.GetString("Status") == OutboxStatus.Failed)
        {
            LogFailed(logger, email.MessageId, kind, message.GetString("LastError"));
            if (kind == "acknowledgement")
                await queue.RecordEmailFailureAsync(request, message.GetString("LastError"), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Fail(TableEntity message, string reason)
    {
        message["Status"] = OutboxStatus.Failed;
        message["LastError"] = reason;
    }

    internal static TimeSpan Backoff(int attempts, EmailOptions o)
    {
        var ticks = o.FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 20));
        return ticks >= o.MaxRetryDelay.Ticks ? o.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    private async Task RescheduleAsync(DispatchRequest request, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var moved = request.MovedTo(due);
        if (moved.WorkPartition == request.WorkPartition)
        {
            // Still due in this minute: keep the row, but record that the intake is indexed.
            if (!request.Indexed)
                await tables.Get(Tables.Work).UpsertEntityAsync(moved.ToEntity(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Add the new row before deleting the old one: at every instant at least one exists.
        await tables.Get(Tables.Work).UpsertEntityAsync(moved.ToEntity(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await DeleteWorkRowAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteWorkRowAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        // ETag.All: deleting is the intended meaning whatever the row's version; a concurrent
        // dispatcher deleting it first is fine (404 is success here).
        await tables.Get(Tables.Work).DeleteEntityAsync(request.WorkPartition, request.WorkRowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} ({Kind}) sent.")]
    private static partial void LogSent(ILogger logger, string messageId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} ({Kind}) not sent ({Reason}), attempt {Attempt}; will retry.")]
    private static partial void LogRetry(ILogger logger, string messageId, string kind, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MessageId} ({Kind}) failed for good ({Reason}).")]
    private static partial void LogFailed(ILogger logger, string messageId, string kind, string reason);
}
