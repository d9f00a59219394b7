using Microsoft.Extensions.Options;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Sessions;

/// <summary>A session as its coach sees it: with the room link and their private notes.</summary>
public sealed record SessionView(string Id, DateTimeOffset Start, int DurationMinutes, string Medium, string? RoomLink, string? Notes, int Sequence);

/// <summary>
/// Sessions (rule 8; §3.5, §3.15, §3.23): recorded by the engagement's coach once the contract is
/// signed, never more than the contract planned nor more than the charter's 4 for the client, spaced,
/// within what can be booked. Each change is one transaction guarded by the engagement row's ETag,
/// so the limit holds across instances; its two storage round trips are the dossier read and that
/// transaction. Both parties get a calendar invitation, updated or cancelled with the session.
/// </summary>
public sealed class SessionService(
    IDossierStore dossiers,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    IOptions<SessionOptions> options,
    IOptions<StaffOptions> staffOptions,
    IOptions<Configuration.SiteOptions> site,
    TimeProvider time)
{
    /// <summary>
    /// Table Storage requests of a session record on its request path, at most (asserted in the integration
    /// tests, printed by the benchmark): the dossier read, one transaction; the invitations' deadline is
    /// written after the answer.
    /// </summary>
    public const int RecordRoundTrips = 2;

    public static readonly Failure ContractNotSigned = new(FailureKind.Conflict, "contract_not_signed", "Sessions can be recorded once the client has signed the contract.");
    public static readonly Failure EngagementClosed = new(FailureKind.Conflict, "engagement_closed", "This engagement is closed: its sessions can no longer change.");
    public static readonly Failure SessionNotFound = new(FailureKind.NotFound, "session_not_found", "There is no such session in this engagement.");

    /// <summary>409: the contract's sessions, or the charter's 4, are all used. The two ways on (§3.23): a classic contract, or a referral.</summary>
    public static Failure LimitReached(int limit) => new(FailureKind.Conflict, "session_limit_reached",
        $"This engagement has its {limit} session(s): the charter allows at most 4 (§3.5). To go on, offer a classic contract outside the programme, or a referral (§3.23).")
    {
        Alternatives = ["classic_contract", "referral"],
    };

    public static Failure TooClose(int minimumSpacingDays) => new(FailureKind.Unprocessable, "sessions_too_close",
        $"Sessions must be at least {minimumSpacingDays} days apart.");

    public static Failure TooFarAhead(int maxDaysAhead) => new(FailureKind.Unprocessable, "session_too_far_ahead",
        $"A session can be booked at most {maxDaysAhead} days ahead.");

    public static readonly Failure BeforeSignature = new(FailureKind.Unprocessable, "session_before_signature",
        "A session cannot take place before the day the client signed the contract.");

    public Task<Outcome<SessionView>> RecordAsync(StaffMember actor, string engagementApiId, SessionForm form, CancellationToken cancellationToken) =>
        ChangeAsync(actor, engagementApiId, null, form, cancellationToken);

    public Task<Outcome<SessionView>> AmendAsync(StaffMember actor, string engagementApiId, string sessionId, SessionForm form, CancellationToken cancellationToken) =>
        ChangeAsync(actor, engagementApiId, sessionId, form, cancellationToken);

    public Task<Outcome<SessionView>> RemoveAsync(StaffMember actor, string engagementApiId, string sessionId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, engagementApiId, sessionId, null, cancellationToken);

    /// <summary>The engagement's sessions as its coach sees them, in time order.</summary>
    public IReadOnlyList<SessionView> List(EngagementState state)
    {
        using var cipher = state.OpenCipher(protector);
        return [.. state.OwnSessions.Select(r => View(StoredSession.Open(cipher, r)))];
    }

    private SessionView View(StoredSession s) =>
        new(s.SessionId, s.Start, s.DurationMinutes, s.Medium, s.Room is { } room ? options.Value.RoomLink(room) : null, s.Notes, s.Sequence);

    /// <summary>Records (no <paramref name="sessionId"/>), amends (a form) or removes (no form) a session.</summary>
    private async Task<Outcome<SessionView>> ChangeAsync(StaffMember actor, string engagementApiId, string? sessionId, SessionForm? form, CancellationToken cancellationToken)
    {
        if (!StaffIds.TryEngagement(engagementApiId, out var dossier, out var intakeId, out var engagementId))
            return EngagementState.NotFound;
        if (sessionId is not null && (sessionId.Length is 0 or > 32 || !sessionId.All(char.IsAsciiHexDigitLower)))
            return SessionNotFound;
        var change = emails.Start(new RetentionUnit(dossier, intakeId));
        var outcome = await OptimisticConcurrency.RunAsync<SessionView>(dossiers, dossier, EngagementState.Selectors(intakeId), snapshot =>
        {
            var opened = EngagementState.ForCoach(snapshot, intakeId, engagementId, actor, protector);
            if (!opened.IsSuccess)
                return opened.Failure;
            var state = opened.Value;
            if (state.Engagement.Status != EngagementStatus.Active)
                return state.Engagement.Status == EngagementStatus.Closed ? EngagementClosed : ContractNotSigned;
            if (state.Signed is not { } contract)
                return ContractNotSigned;
            using var cipher = state.OpenCipher(protector);
            var existing = sessionId is null ? null
                : state.OwnSessions.FirstOrDefault(r => r.RowKey == StoredSession.PrefixOf(intakeId, engagementId) + sessionId) is { } found ? StoredSession.Open(cipher, found) : null;
            if (sessionId is not null && existing is null)
                return SessionNotFound;
            if (form is not null && Refuse(state, contract.Signature!.SignedAt, form, existing) is { } refused)
                return refused;

            var now = time.GetUtcNow();
            var transaction = new PartitionTransaction(dossier.PartitionKey);
            StoredSession result;
            if (form is null)
            {
                result = existing! with { Sequence = existing.Sequence + 1 };
                transaction.Delete(state.Sessions.First(r => r.RowKey == existing.RowKey), existing.ETag);
            }
            else if (existing is null)
            {
                result = new StoredSession(intakeId, engagementId, StoredSession.NewId(), form.Start, form.DurationMinutes, form.Medium,
                    form.Medium == Contracts.SessionFormats.Video ? StoredSession.NewRoom() : null, form.Notes, 0, now, default);
                transaction.Add(result.ToEntity(dossier, cipher));
            }
            else
            {
                result = existing with
                {
                    Start = form.Start, DurationMinutes = form.DurationMinutes, Medium = form.Medium, Notes = form.Notes, Sequence = existing.Sequence + 1,
                    Room = form.Medium == Contracts.SessionFormats.Video ? existing.Room ?? StoredSession.NewRoom() : null,
                };
                transaction.Replace(result.ToEntity(dossier, cipher), existing.ETag);
            }
            // The engagement row is the aggregate's root: replacing it under its ETag is what makes
            // concurrent changes of one engagement's sessions take turns.
            var count = state.OwnSessions.Count() + (form is null ? -1 : existing is null ? 1 : 0);
            transaction.Replace(new Azure.Data.Tables.TableEntity(state.Row) { ["SessionCount"] = count, ["SessionsChangedAt"] = now }, state.Row.ETag);
            Invite(change, cipher, state, contract, result, cancelled: form is null);
            change.AppendTo(transaction);
            return new Decision<SessionView>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return View(result);
            });
        }, EngagementState.Contended, cancellationToken).ConfigureAwait(false);
        if (outcome.IsSuccess)
            await emails.SendAfterCommitUnscheduledAsync(change, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private Failure? Refuse(EngagementState state, DateTimeOffset signedAt, SessionForm form, StoredSession? existing)
    {
        var o = options.Value;
        var others = state.Sessions.Where(r => existing is null || r.RowKey != existing.RowKey).ToArray();
        if (existing is null && (state.OwnSessions.Count() >= state.SessionLimit || state.Sessions.Count >= EngagementState.CharterLimit))
            return LimitReached(state.SessionLimit ?? 0);
        // From the day of the signature (UTC): a session held that day, before signing online, still counts.
        if (form.Start.UtcDateTime.Date < signedAt.UtcDateTime.Date)
            return BeforeSignature;
        if (form.Start > time.GetUtcNow().AddDays(o.MaxDaysAhead))
            return TooFarAhead(options.Value.MaxDaysAhead);
        var spacing = TimeSpan.FromDays(o.MinimumSpacingDays);
        if (others.Any(r => (StoredSession.StartOf(r) - form.Start).Duration() < spacing))
            return TooClose(options.Value.MinimumSpacingDays);
        return null;
    }

    /// <summary>Each party's invitation, in their language: the client's to the intake's address, the coach's to theirs.</summary>
    private void Invite(ChangeEmails change, UnitCipher cipher, EngagementState state, Contracts.StoredContract contract, StoredSession session, bool cancelled)
    {
        var client = IntakeRow.Open(cipher, state.IntakeEntity);
        var room = session.Room is { } r ? options.Value.RoomLink(r) : null;
        var reference = Reference.Display(state.Intake.IntakeId);
        var staffLanguage = staffOptions.Value.Language;
        var kind = cancelled ? SessionChange.Cancelled : session.Sequence == 0 ? SessionChange.New : SessionChange.Moved;
        change.Add(cipher, SessionEmails.InvitationToClient, client.Email,
            EmailTemplates.SessionInvitation(state.Intake.PreferredLanguage, client.FirstName, reference, session.Start, session.DurationMinutes, session.Medium, room, kind, toCoach: false, site.Value.ErasureLink),
            SessionCalendar.Reference(new SessionInvitation(session.Uid, session.Sequence, cancelled, session.Start, session.DurationMinutes, session.Medium, room, client.Email, ToCoach: false)));
        change.Add(cipher, SessionEmails.InvitationToCoach, contract.CoachEmail,
            EmailTemplates.SessionInvitation(staffLanguage, contract.CoachDisplayName, reference, session.Start, session.DurationMinutes, session.Medium, room, kind, toCoach: true),
            SessionCalendar.Reference(new SessionInvitation(session.Uid, session.Sequence, cancelled, session.Start, session.DurationMinutes, session.Medium, room, contract.CoachEmail, ToCoach: true)));
    }
}

/// <summary>What an invitation tells of its session.</summary>
public enum SessionChange { New, Moved, Cancelled }
