using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Tests.Email;

/// <summary>
/// The emails of a change are made by a rule that optimistic concurrency runs again after a lost race:
/// only the attempt that commits may put its emails in the transaction (one signature, one email each).
/// </summary>
public sealed class ChangeEmailsTests
{
    private static readonly DossierId Dossier = DossierId.Parse("c" + new string('b', 64));
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static OutboxMessage Message(string id) =>
        new(new TableEntity(Dossier.PartitionKey, "outbox|INTAKE000001|" + id), new OutgoingEmail(id, "a@example.org", "fr", "s", "t", "h"));

    private static IEnumerable<string> Outbox(PartitionTransaction transaction) =>
        transaction.Actions.Select(a => a.Entity.RowKey).Where(k => k.StartsWith(DossierKeys.AnyOutbox, StringComparison.Ordinal));

    [Fact]
    public void ARuleRunAgainAfterALostRace_WritesOnlyTheEmailsOfTheAttemptThatCommits()
    {
        var emails = new ChangeEmails(new RetentionUnit(Dossier, "INTAKE000001"), Now, leasedUntil: Now.AddMinutes(2));

        emails.Add(Message("first-attempt-client"));
        emails.Add(Message("first-attempt-coach"));
        emails.AppendTo(new PartitionTransaction(Dossier.PartitionKey)); // lost the race: the rule runs again
        emails.Add(Message("second-attempt-client"));
        emails.Add(Message("second-attempt-coach"));
        var committed = emails.AppendTo(new PartitionTransaction(Dossier.PartitionKey));

        Assert.Equal(["outbox|INTAKE000001|second-attempt-client", "outbox|INTAKE000001|second-attempt-coach"], Outbox(committed));
        Assert.Equal(["second-attempt-client", "second-attempt-coach"], emails.Messages.Select(m => m.Email.MessageId));
    }

    [Fact]
    public void EmailsMadeOnceBeforeTheRule_AreInTheTransactionOfEveryAttempt()
    {
        var emails = new ChangeEmails(new RetentionUnit(Dossier, "INTAKE000001"), Now, leasedUntil: null);
        emails.Add(Message("acknowledgement"));

        emails.AppendTo(new PartitionTransaction(Dossier.PartitionKey));
        var committed = emails.AppendTo(new PartitionTransaction(Dossier.PartitionKey));

        Assert.Equal(["outbox|INTAKE000001|acknowledgement"], Outbox(committed));
    }
}
