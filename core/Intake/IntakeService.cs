using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Statistics;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Intake;

/// <summary>
/// What the client is told: the reference of their request, and whether what they wrote carries
/// crisis signals, so the page can show the emergency numbers at once (rule 2, §3.1, §3.7).
/// </summary>
public sealed record IntakeReceipt(string Reference, bool Urgent);

/// <summary>An intake read back: its facts and, opened with its data key, what the client wrote.</summary>
public sealed record StoredIntake(DossierId Dossier, IntakeRow Row, IntakePersonalData PersonalData);

/// <summary>The kinds of email an intake sends.</summary>
public static class IntakeEmails
{
    public const string Acknowledgement = "acknowledgement";
    public const string CoordinatorNotice = "coordinator-notice";
    public const string CoordinatorAlert = "coordinator-alert";
}

/// <summary>
/// Receives a request for help (rules 1, 2, 10, 11). On the request path it costs two storage round
/// trips: the deadlines the intake starts (its emails, its indexing, its destruction date), recorded
/// first so that nothing can be lost; then one entity-group transaction in the client's dossier with
/// the intake, its data key, its duplicate markers and its emails. The emails are then sent from
/// memory and the intake indexed, in the background: three more round trips. Under load, concurrent
/// intakes share the requests to the deadlines' and the queue's one partition (<see cref="Storage.GroupCommit"/>),
/// so two per intake are its own (the dossier transaction, the emails' outcome) and the rest shared.
/// </summary>
public sealed partial class IntakeService(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    ChangeEmailSender changeEmails,
    HeldWork held,
    IntakeQueue queue,
    PersonalDataProtector protector,
    CrisisSignals crisisSignals,
    AcknowledgementBudget acknowledgements,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<RetentionOptions> retentionOptions,
    IOptions<StaffOptions> staffOptions,
    StaffRegistry staff,
    IOptions<Configuration.SiteOptions> site,
    IOptions<EmailOptions> emailOptions,
    TimeProvider time,
    ILogger<IntakeService> logger)
{
    /// <summary>
    /// Table Storage requests of a new intake on its request path, at most (asserted in the integration
    /// tests, printed by the benchmark): its deadlines written, the dossier's one transaction.
    /// </summary>
    public const int RoundTrips = 2;

    /// <summary>
    /// ...and from the request to both emails sent and the intake in the coordinators' queue: the sends
    /// recorded, the queue row, the held deadlines settled, off the request path.
    /// </summary>
    public const int RoundTripsToEveryEmailSent = RoundTrips + 3;

    private const int MaxAttempts = 4;

    private static readonly Failure Contended = new(FailureKind.Conflict, "intake_conflict", "The request collided with another one; please send it again.");

    public async Task<Outcome<IntakeReceipt>> SubmitAsync(IntakeForm form, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // Judged before anything else: a person in crisis mistaken for a robot still sees the help numbers.
        var urgent = crisisSignals.AreIn(form.Situation);
        if (LooksAutomated(form))
        {
            // Answered like a real request so a robot learns nothing; stored nowhere, sends nothing.
            LogDiscarded(logger);
            return Outcome<IntakeReceipt>.Ok(new IntakeReceipt(Reference.Display(Reference.New()), urgent));
        }

        var now = time.GetUtcNow();
        var dossier = DossierId.ForEmail(protector, form.Email);
        var request = new IntakeRequest(
            dossier,
            Fingerprint: protector.LookupHash("intake-request", form.CanonicalText()),
            ContentMarker: DossierKeys.ContentMarker(protector.LookupHash("situation", form.Situation)),
            IdempotencyMarker: idempotencyKey is null ? null : DossierKeys.IdempotencyMarker(protector.LookupHash("idempotency-key", idempotencyKey)),
            DuplicateWindow: TimeSpan.FromMinutes(intakeOptions.Value.DuplicateWindowMinutes),
            Now: now);
        var intake = new IntakeRow(
            Reference.New(), IntakeRow.New, IntakeForm.RoleName(form.Role), form.HasPriority, urgent,
            form.PreferredLanguage, now, now.AddDays(retentionOptions.Value.IntakeDays));
        var unit = new RetentionUnit(dossier, intake.IntakeId);

        // Sent at once from memory: the emails are born leased to this process, and the deadlines
        // that would send them otherwise fall due when that lease ends.
        var immediate = emailOptions.Value.DispatchImmediately;
        var emails = changeEmails.Start(unit);
        NewIntake draft;
        using (var cipher = UnitCipher.New(protector, unit))
            draft = Draft(form, intake, cipher, emails);

        var dispatch = emails.Dispatch;
        var index = Deadline.New(IntakeQueue.Index, dispatch.Due, dossier.PartitionKey, unit.Id);
        var destroy = Deadline.New(IntakeDestruction.Destroy, intake.DestroyAt, dossier.PartitionKey, unit.Id);
        // The anonymous count of this intake (its month, its role), in the same batch: no round trip of its own.
        var count = StatisticsCounter.NewDeadline(now, StatisticsCells.OfIntake(now, intake.Role));
        await deadlines.ScheduleAsync([dispatch, emails.Purge, index, destroy, count], cancellationToken).ConfigureAwait(false);

        var outcome = await OptimisticConcurrency.RunAsync(
            dossiers, dossier, request.Markers, snapshot => IntakeDeduplication.Decide(snapshot, request, draft),
            Contended, cancellationToken, assumeEmptyFirst: true, maxAttempts: MaxAttempts).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            held.Forget([count]); // no intake, nothing to count
            return outcome.Failure;
        }

        var submitted = outcome.Value;
        if (submitted.IsNew)
        {
            LogReceived(logger, intake.Urgent, intake.HasPriority);
            BusinessCounters.IntakeReceived(intake.Urgent);
            if (immediate)
            {
                changeEmails.SendAfterCommit(emails, new HeldDeadline(index, async ct =>
                {
                    await queue.IndexAsync(dossier, intake, ct).ConfigureAwait(false);
                    return DeadlineResult.Done;
                }));
            }
        }
        else if (immediate)
        {
            // A duplicate: the deadlines recorded for it have nothing to do; clear them now rather than in 90 days.
            changeEmails.Abandon(emails, index, destroy, count);
        }
        else
        {
            held.Forget([count]); // a duplicate is not counted again
        }
        // A duplicate carries the same situation as its original, so the same urgency.
        return Outcome<IntakeReceipt>.Ok(new IntakeReceipt(Reference.Display(submitted.IntakeId), urgent));
    }

    /// <summary>An intake read back from its dossier, opened; null when there is none (or it was destroyed).</summary>
    public async Task<StoredIntake?> FindAsync(DossierId dossier, string intakeId, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(dossier, intakeId);
        var intakeKey = DossierKeys.Intake(intakeId);
        var snapshot = await dossiers.LoadAsync(dossier, [new RowSelector.Exact(unit.DataKeyRow), new RowSelector.Exact(intakeKey)], cancellationToken).ConfigureAwait(false);
        if (snapshot.Find(intakeKey) is not { } row || DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
            return null;
        using var cipher = UnitCipher.Open(protector, unit, wrapped);
        return new StoredIntake(dossier, IntakeRow.From(row), IntakeRow.Open(cipher, row));
    }

    private bool LooksAutomated(IntakeForm form) =>
        !string.IsNullOrEmpty(form.Honeypot)
        || form.FormDuration < TimeSpan.FromSeconds(intakeOptions.Value.MinimumFormSeconds);

    /// <summary>The rows a new intake adds to its dossier, sealed with its own data key, and its emails.</summary>
    private NewIntake Draft(IntakeForm form, IntakeRow intake, UnitCipher cipher, ChangeEmails emails)
    {
        var personal = new IntakePersonalData(form.FirstName, form.LastName, form.Email, form.Phone, form.Organisation, form.Situation, form.Availability);
        var reference = Reference.Display(intake.IntakeId);
        var acknowledged = acknowledgements.TryTake();
        if (acknowledged)
        {
            emails.Add(cipher, IntakeEmails.Acknowledgement, form.Email,
                EmailTemplates.IntakeAcknowledgement(form.PreferredLanguage, form.FirstName, reference, retentionOptions.Value.IntakeDays, intake.Urgent, site.Value.ErasureLink));
        }
        else
        {
            LogAcknowledgementWithheld(logger, intakeOptions.Value.AcknowledgementsPerHour);
        }
        var link = site.Value.Link("staff/", "intake=" + Engagements.StaffIds.Intake(cipher.Unit.Dossier, intake.IntakeId));
        var notice = EmailTemplates.CoordinatorNotice(staffOptions.Value.Language, reference, intake.Urgent, form.Role, acknowledged, link);
        var noticeKind = intake.Urgent ? IntakeEmails.CoordinatorAlert : IntakeEmails.CoordinatorNotice;
        foreach (var coordinator in staff.ActiveCoordinatorEmails)
            emails.Add(cipher, noticeKind, coordinator, notice);
        return new NewIntake(intake, DataKeyRow.New(cipher), intake.ToEntity(cipher, personal), emails);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake received (urgent: {Urgent}, priority: {Priority}).")]
    private static partial void LogReceived(ILogger logger, bool urgent, bool priority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledgement not sent: the budget of {PerHour} acknowledgements an hour is spent; the intake is recorded.")]
    private static partial void LogAcknowledgementWithheld(ILogger logger, int perHour);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake discarded as automated (honeypot or too fast).")]
    private static partial void LogDiscarded(ILogger logger);
}
