using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;

namespace Solidaire.Core.Tests.Dossiers;

/// <summary>The duplicate rule of the intake, as a pure function of the markers it read.</summary>
public sealed class IntakeDeduplicationTests
{
    private static readonly DossierId Dossier = DossierId.Parse("c" + new string('b', 64));
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static IntakeRequest Request(string? idempotencyMarker = null) =>
        new(Dossier, "fingerprint", "dedup|content|h", idempotencyMarker, TimeSpan.FromMinutes(10), Now);

    private static NewIntake Draft()
    {
        var emails = new ChangeEmails(new RetentionUnit(Dossier, "NEWINTAKE000"), Now, leasedUntil: null);
        emails.Add(new OutboxMessage(new TableEntity(Dossier.PartitionKey, "outbox|NEWINTAKE000|m1"), new OutgoingEmail("m1", "a@example.org", "fr", "s", "t", "h")));
        return new(
            new IntakeRow("NEWINTAKE000", IntakeRow.New, "manager", true, false, "fr", Now, Now.AddDays(90)),
            new TableEntity(Dossier.PartitionKey, "key|NEWINTAKE000"),
            new TableEntity(Dossier.PartitionKey, "intake|NEWINTAKE000"),
            emails);
    }

    private static DossierSnapshot Markers(params TableEntity[] rows) => new(Dossier, rows);

    private static TableEntity Marker(string rowKey, string intakeId, string fingerprint, DateTimeOffset at) =>
        IntakeMarker.New(Dossier, rowKey, intakeId, fingerprint, at);

    [Fact]
    public void NothingSeenBefore_CommitsTheIntakeItsKeyItsMarkersAndItsEmails_InOneTransaction()
    {
        var decision = IntakeDeduplication.Decide(Markers(), Request("dedup|idem|k"), Draft());

        var commit = Assert.IsType<Decision<SubmittedIntake>.Commit>(decision);
        Assert.Equal(["key|NEWINTAKE000", "intake|NEWINTAKE000", "dedup|content|h", "dedup|idem|k", "outbox|NEWINTAKE000|m1"],
            commit.Transaction.Actions.Select(a => a.Entity.RowKey));
        Assert.All(commit.Transaction.Actions, a => Assert.Equal(TableTransactionActionType.Add, a.ActionType));
    }

    [Fact]
    public void TheSameIdempotencyKeyAndBody_AnswersTheFirstIntake()
    {
        var decision = IntakeDeduplication.Decide(Markers(Marker("dedup|idem|k", "FIRSTINTAKE0", "fingerprint", Now.AddDays(-3))), Request("dedup|idem|k"), Draft());

        var answer = Assert.IsType<Decision<SubmittedIntake>.Answer>(decision);
        Assert.Equal(new SubmittedIntake("FIRSTINTAKE0", IsNew: false), answer.Outcome.Value);
    }

    [Fact]
    public void TheSameIdempotencyKeyWithAnotherBody_IsRefused()
    {
        var decision = IntakeDeduplication.Decide(Markers(Marker("dedup|idem|k", "FIRSTINTAKE0", "other", Now)), Request("dedup|idem|k"), Draft());

        var answer = Assert.IsType<Decision<SubmittedIntake>.Answer>(decision);
        Assert.Equal("idempotency_key_reused", answer.Outcome.Failure?.Code);
    }

    [Fact]
    public void TheSameWordsWithinTheWindow_AnswerTheFirstIntake()
    {
        var decision = IntakeDeduplication.Decide(Markers(Marker("dedup|content|h", "FIRSTINTAKE0", "other", Now.AddMinutes(-9))), Request(), Draft());

        Assert.Equal("FIRSTINTAKE0", Assert.IsType<Decision<SubmittedIntake>.Answer>(decision).Outcome.Value?.IntakeId);
    }

    [Fact]
    public void TheSameWordsLongAgo_AreANewIntake_ThatTakesTheOldMarkerOverGuardedByItsETag()
    {
        var old = Marker("dedup|content|h", "FIRSTINTAKE0", "fingerprint", Now.AddMinutes(-11));
        old.ETag = new Azure.ETag("W/\"7\"");

        var decision = IntakeDeduplication.Decide(Markers(old), Request(), Draft());

        var marker = Assert.IsType<Decision<SubmittedIntake>.Commit>(decision).Transaction.Actions.Single(a => a.Entity.RowKey == "dedup|content|h");
        Assert.Equal(TableTransactionActionType.UpdateReplace, marker.ActionType);
        Assert.Equal(old.ETag, marker.ETag);
    }
}
