using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Email;

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>An outbox row and the email it holds, opened.</summary>
public sealed record OutboxMessage(TableEntity Row, OutgoingEmail Email)
{
    public string Kind => Row.GetString(OutboxRow.Kind);
}

/// <summary>
/// An email recorded in its retention unit (dossier partition, row "outbox|unit|message"), in the
/// same transaction as the change that causes it. Recipient and content are sealed with the unit's
/// data key: destroying the key destroys unsent mail too.
/// </summary>
public static class OutboxRow
{
    public const string MessageId = nameof(MessageId);
    public const string Unit = nameof(Unit);
    public const string Kind = nameof(Kind);
    public const string Language = nameof(Language);
    public const string To = nameof(To);
    public const string Subject = nameof(Subject);
    public const string Text = nameof(Text);
    public const string Html = nameof(Html);
    public const string Status = nameof(Status);
    public const string Attempts = nameof(Attempts);
    public const string NextAttemptAt = nameof(NextAttemptAt);
    public const string LeaseUntil = nameof(LeaseUntil);
    public const string CreatedAt = nameof(CreatedAt);
    public const string SentAt = nameof(SentAt);
    public const string LastAttemptAt = nameof(LastAttemptAt);
    public const string LastError = nameof(LastError);
    public const string Attachment = nameof(Attachment);

    /// <summary>
    /// A new email. With <paramref name="leasedUntil"/> it is born leased to the request that writes it
    /// (first attempt under way), so that request can send it at once from memory and no dispatcher
    /// takes it before the lease ends.
    /// </summary>
    public static OutboxMessage New(UnitCipher cipher, string kind, string to, EmailContent content, DateTimeOffset now, DateTimeOffset? leasedUntil, string? attachment = null)
    {
        var messageId = Guid.NewGuid().ToString("N");
        var rowKey = DossierKeys.Outbox(cipher.Unit.Id, messageId);
        var row = new TableEntity(cipher.Unit.Dossier.PartitionKey, rowKey)
        {
            [MessageId] = messageId,
            [Unit] = cipher.Unit.Id,
            [Kind] = kind,
            [Language] = content.Language,
            [To] = cipher.Seal(rowKey, To, to),
            [Subject] = cipher.Seal(rowKey, Subject, content.Subject),
            [Text] = cipher.Seal(rowKey, Text, content.Text),
            [Html] = cipher.Seal(rowKey, Html, content.Html),
            [Status] = leasedUntil is null ? OutboxStatus.Pending : OutboxStatus.Sending,
            [Attempts] = leasedUntil is null ? 0 : 1,
            [NextAttemptAt] = now,
            [LeaseUntil] = leasedUntil,
            [CreatedAt] = now,
            // Sealed: a reference may hold an address or a video room's link (a calendar invitation).
            [Attachment] = cipher.Seal(rowKey, Attachment, attachment),
            // The request that caused it: sending it, however late, joins that request's trace.
            [Correlation.RowProperty] = Correlation.Current(),
        };
        return new OutboxMessage(row, new OutgoingEmail(messageId, to, content.Language, content.Subject, content.Text, content.Html, attachment) { Kind = kind, TraceParent = row.GetString(Correlation.RowProperty) });
    }

    public static OutboxMessage Open(UnitCipher cipher, TableEntity row)
    {
        string Field(string name) => cipher.Open(row.RowKey, name, row.GetString(name))!;
        return new OutboxMessage(row, new OutgoingEmail(row.GetString(MessageId), Field(To), row.GetString(Language), Field(Subject), Field(Text), Field(Html), cipher.Open(row.RowKey, Attachment, row.GetString(Attachment)))
        {
            Kind = row.GetString(Kind),
            TraceParent = row.GetString(Correlation.RowProperty),
        });
    }

    /// <summary>Due to be sent: pending and its time has come, or leased by a sender whose lease ran out (it died).</summary>
    public static bool IsDue(TableEntity row, DateTimeOffset now) => row.GetString(Status) switch
    {
        OutboxStatus.Pending => row.GetDateTimeOffset(NextAttemptAt) <= now,
        OutboxStatus.Sending => row.GetDateTimeOffset(LeaseUntil) <= now,
        _ => false,
    };

    /// <summary>When this row next needs a sender, if ever.</summary>
    public static DateTimeOffset? NextDue(TableEntity row) => row.GetString(Status) switch
    {
        OutboxStatus.Pending => row.GetDateTimeOffset(NextAttemptAt),
        OutboxStatus.Sending => row.GetDateTimeOffset(LeaseUntil),
        _ => null,
    };
}
