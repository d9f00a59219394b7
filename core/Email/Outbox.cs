using Azure.Data.Tables;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Email;

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>
/// An email recorded in the client's dossier partition, in the same transaction as the change that
/// causes it. Recipient and content are sealed with the dossier's data key: destroying the key
/// destroys unsent mail too.
/// </summary>
public static class Outbox
{
    public static TableEntity NewRow(
        PersonalDataProtector protector, DataKey key, string partition, string intakeId, string kind,
        string to, EmailContent content, DateTimeOffset now)
    {
        var messageId = Guid.NewGuid().ToString("N");
        var rowKey = DossierRows.Outbox(intakeId, messageId);
        string Context(string field) => DossierRows.FieldContext(partition, rowKey, field);
        return new TableEntity(partition, rowKey)
        {
            ["MessageId"] = messageId,
            ["IntakeId"] = intakeId,
            ["Kind"] = kind,
            ["Language"] = content.Language,
            ["To"] = protector.Seal(key, to, Context("To")),
            ["Subject"] = protector.Seal(key, content.Subject, Context("Subject")),
            ["Text"] = protector.Seal(key, content.Text, Context("Text")),
            ["Html"] = protector.Seal(key, content.Html, Context("Html")),
            ["Status"] = OutboxStatus.Pending,
            ["Attempts"] = 0,
            ["NextAttemptAt"] = now,
            ["CreatedAt"] = now,
        };
    }

    public static OutgoingEmail Open(PersonalDataProtector protector, DataKey key, TableEntity row)
    {
        string Field(string name) => protector.Open(key, row.GetString(name), DossierRows.FieldContext(row.PartitionKey, row.RowKey, name))!;
        return new OutgoingEmail(row.GetString("MessageId"), Field("To"), row.GetString("Language"), Field("Subject"), Field("Text"), Field("Html"));
    }
}
