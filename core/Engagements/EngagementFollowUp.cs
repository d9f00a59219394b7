using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Sessions;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Engagements;

/// <summary>
/// The follow-up of a signed engagement (§3.21–3.23): one deadline per engagement, written when the
/// contract is signed, that moves itself. An engagement with no session for
/// <see cref="SessionOptions.LapseDays"/> (from its latest session, booked ahead or held, or from the
/// signature) closes as lapsed and both parties are told kindly; <see cref="SessionOptions.ReminderDaysBefore"/>
/// before that, the coach is reminded once. Each step is one transaction guarded by the engagement's
/// ETag, so running it twice, or on two instances at once, does it once. It also sends any of the
/// unit's emails left without a sender by a crash (<see cref="ChangeEmailSender.RescueAsync"/>).
/// </summary>
public sealed partial class EngagementFollowUp(
    IDossierStore dossiers,
    EngagementIndex index,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    IOptions<SessionOptions> options,
    IOptions<RetentionOptions> retention,
    IOptions<StaffOptions> staffOptions,
    IOptions<SiteOptions> site,
    TimeProvider time,
    ILogger<EngagementFollowUp> logger) : IDeadlineHandler
{
    /// <summary>"Look after this engagement when its time comes": subject = "intakeId|engagementId".</summary>
    public static readonly DeadlineKind FollowUp = new("engagement.followup", DeadlineLane.Prompt);

    public DeadlineKind Kind => FollowUp;

    internal const string RemindedForColumn = "RemindedFor";

    /// <summary>The first follow-up of an engagement whose contract was signed at <paramref name="signedAt"/>: at the reminder.</summary>
    public static Deadline First(SessionOptions options, DossierId dossier, string intakeId, string engagementId, DateTimeOffset signedAt) =>
        Deadline.New(FollowUp, signedAt.AddDays(options.LapseDays - options.ReminderDaysBefore), dossier.PartitionKey, intakeId + "|" + engagementId);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var dossier = DossierId.Parse(deadline.Dossier);
        var ids = deadline.Subject.Split('|');
        var (intakeId, engagementId) = (ids[0], ids[1]);
        var unit = new RetentionUnit(dossier, intakeId);
        var snapshot = await dossiers.LoadAsync(dossier, [.. EngagementState.Selectors(intakeId), new RowSelector.Prefix(DossierKeys.OutboxPrefix(intakeId))], cancellationToken).ConfigureAwait(false);
        if (EngagementState.From(snapshot, intakeId, engagementId, protector) is not { Engagement.Status: EngagementStatus.Active, LastActivity: { } last } state)
            return DeadlineResult.Done; // closed, destroyed, or not signed: nothing to follow
        await emails.RescueAsync(unit, snapshot.WithPrefix(DossierKeys.OutboxPrefix(intakeId)), cancellationToken).ConfigureAwait(false);

        var o = options.Value;
        var now = time.GetUtcNow();
        var lapsesAt = last.AddDays(o.LapseDays);
        var remindAt = lapsesAt.AddDays(-o.ReminderDaysBefore);
        if (now >= lapsesAt)
            return await LapseAsync(state, now, cancellationToken).ConfigureAwait(false);
        if (now < remindAt)
            return DeadlineResult.Later(remindAt);
        if (state.Row.GetDateTimeOffset(RemindedForColumn) == lapsesAt)
            return DeadlineResult.Later(lapsesAt);

        var change = emails.Start(unit);
        using var cipher = state.OpenCipher(protector);
        var contract = state.Signed!;
        var link = site.Value.EngagementLink(dossier, intakeId, engagementId);
        change.Add(cipher, SessionEmails.LapseReminder, contract.CoachEmail,
            EmailTemplates.LapseReminder(staffOptions.Value.Language, contract.CoachDisplayName, Reference.Display(intakeId), lapsesAt, link));
        var transaction = new PartitionTransaction(dossier.PartitionKey)
            .Replace(new Azure.Data.Tables.TableEntity(state.Row) { [RemindedForColumn] = lapsesAt }, state.Row.ETag);
        if (!await emails.CommitAsync(change, transaction, [], cancellationToken).ConfigureAwait(false))
            return DeadlineResult.Later(now); // it changed meanwhile (a session, a closure): look again
        LogReminded(logger);
        return DeadlineResult.Later(lapsesAt);
    }

    private async Task<DeadlineResult> LapseAsync(EngagementState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (dossier, intakeId) = (state.Unit.Dossier, state.Intake.IntakeId);
        var change = emails.Start(state.Unit);
        using var cipher = state.OpenCipher(protector);
        var client = IntakeRow.Open(cipher, state.IntakeEntity);
        var contract = state.Signed!;
        var reference = Reference.Display(intakeId);
        var transaction = new PartitionTransaction(dossier.PartitionKey);
        var closed = EngagementClosing.Apply(transaction, state, EngagementOutcomes.Lapsed, now, retention.Value, requeue: false);
        change.Add(cipher, SessionEmails.LapsedToClient, client.Email, EmailTemplates.LapsedToClient(state.Intake.PreferredLanguage, client.FirstName, reference, site.Value.Link(""), site.Value.ErasureLink));
        change.Add(cipher, SessionEmails.LapsedToCoach, contract.CoachEmail, EmailTemplates.LapsedToCoach(staffOptions.Value.Language, contract.CoachDisplayName, reference, options.Value.LapseDays));
        if (!await emails.CommitAsync(change, transaction, closed.Deadlines, cancellationToken).ConfigureAwait(false))
            return DeadlineResult.Later(now);
        await index.WriteAsync(dossier, closed.Engagement, cancellationToken).ConfigureAwait(false);
        LogLapsed(logger);
        return DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An engagement with no recent session: its coach was reminded.")]
    private static partial void LogReminded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "An engagement with no session for the lapse period was closed as lapsed.")]
    private static partial void LogLapsed(ILogger logger);
}
