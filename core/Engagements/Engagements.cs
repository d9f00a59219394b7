using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;

namespace Solidaire.Core.Engagements;

/// <summary>An engagement as its coach sees it: in their list and on its own screen, with its sessions (their notes are the coach's alone).</summary>
public sealed record CoachEngagement(
    string Id, string IntakeId, string Reference, string Status, DateTimeOffset AssignedAt, string ClientFirstName, string PreferredLanguage, ContractSummary? Contract,
    IReadOnlyList<Sessions.SessionView> Sessions, int? SessionLimit, string? Outcome, DateTimeOffset? ClosedAt);

/// <summary>An engagement as coordinators see it in the collective's list: no client data, no session content.</summary>
public sealed record CollectiveEngagement(string Id, string Reference, string CoachId, string? CoachName, string Status, string? Outcome, DateTimeOffset AssignedAt, DateTimeOffset? ClosedAt);

/// <summary>Where an engagement's contract stands, as its coach sees it: once signed, the contribution chosen and both consent answers (rule 7).</summary>
public sealed record ContractSummary(
    string Status, int Version, string Sha256, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, Contracts.ContractSignature? Signature,
    int SessionsPlanned, string Format, decimal UsualPricePerSessionEur, string? Message);

/// <summary>
/// A coach's side of an engagement (rule 4, §3.18): their list; confirming, with the declaration of
/// no prior personal or business relationship with the client; or declining, which returns the
/// intake to the queue. Only the assigned coach can do either.
/// </summary>
public sealed class Engagements(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    IntakeQueue queue,
    EngagementIndex index,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    Sessions.SessionService sessions,
    StaffRegistry registry,
    IOptions<RetentionOptions> retention,
    IOptions<Configuration.SiteOptions> site,
    TimeProvider time)
{
    public static readonly Failure NotProposed = new(FailureKind.Conflict, "engagement_not_proposed", "This engagement is not waiting for your answer any more.");
    public static readonly Failure DeclarationRequired = Failure.Invalid(new Dictionary<string, string[]>
    {
        ["noConflictDeclared"] = ["You must declare that you have no prior personal or business relationship with this person (charter §3.18)."],
    });

    /// <summary>The coach's own engagements: one read of their index, then one read per engagement, together.</summary>
    public async Task<Outcome<IReadOnlyList<CoachEngagement>>> MineAsync(StaffMember actor, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coach))
            return StaffService.NotAllowed;
        var indexed = await index.OfCoachAsync(actor.MemberId, cancellationToken).ConfigureAwait(false);
        var opened = await Task.WhenAll(indexed.Select(async e =>
        {
            var snapshot = await dossiers.LoadAsync(e.Dossier, EngagementState.Selectors(e.IntakeId), cancellationToken).ConfigureAwait(false);
            var state = EngagementState.ForCoach(snapshot, e.IntakeId, e.EngagementId, actor, protector);
            return state.IsSuccess ? Describe(state.Value) : null;
        })).ConfigureAwait(false);
        return Outcome<IReadOnlyList<CoachEngagement>>.Ok([.. opened.OfType<CoachEngagement>()]);
    }

    /// <summary>One engagement, for its coach: one read.</summary>
    public async Task<Outcome<CoachEngagement>> OneAsync(StaffMember actor, string id, CancellationToken cancellationToken)
    {
        if (!StaffIds.TryEngagement(id, out var dossier, out var intakeId, out var engagementId))
            return EngagementState.NotFound;
        var snapshot = await dossiers.LoadAsync(dossier, EngagementState.Selectors(intakeId), cancellationToken).ConfigureAwait(false);
        var state = EngagementState.ForCoach(snapshot, intakeId, engagementId, actor, protector);
        return state.IsSuccess ? Outcome<CoachEngagement>.Ok(Describe(state.Value)) : state.Failure;
    }

    private CoachEngagement Describe(EngagementState state)
    {
        using var cipher = state.OpenCipher(protector);
        var data = IntakeRow.Open(cipher, state.IntakeEntity);
        var e = state.Engagement;
        var contract = state.Contract is not { } c ? null : new ContractSummary(c.StatusAt(time.GetUtcNow()), c.Version, c.Sha256, c.IssuedAt, c.ExpiresAt, c.Signature,
            c.SessionsPlanned, c.Format, c.UsualPricePerSessionEur, c.Message);
        return new CoachEngagement(StaffIds.Engagement(state.Unit.Dossier, e.IntakeId, e.EngagementId), StaffIds.Intake(state.Unit.Dossier, e.IntakeId),
            Reference.Display(e.IntakeId), e.Status, e.AssignedAt, data.FirstName, state.Intake.PreferredLanguage, contract,
            sessions.List(state), state.SessionLimit, e.Outcome, e.ClosedAt);
    }

    /// <summary>
    /// The collective's engagements for coordinators, by status: the index only (references, coaches,
    /// status, outcome, dates), never a session's content nor a client's data. One read of the index
    /// and one of the registry (for the coaches' names).
    /// </summary>
    public async Task<Outcome<IReadOnlyList<CollectiveEngagement>>> CollectiveAsync(StaffMember actor, string? status, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return StaffService.NotAllowed;
        if (status is not null && !EngagementStatus.All.Contains(status))
            return Failure.Invalid(new Dictionary<string, string[]> { ["status"] = ["Must be one of: " + string.Join(", ", EngagementStatus.All) + "."] });
        var listed = index.AllAsync(status, cancellationToken);
        var names = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.MemberId, m => m.DisplayName, StringComparer.Ordinal);
        return Outcome<IReadOnlyList<CollectiveEngagement>>.Ok([.. (await listed.ConfigureAwait(false)).Select(e => new CollectiveEngagement(
            e.ApiId, Reference.Display(e.IntakeId), e.CoachId, names.GetValueOrDefault(e.CoachId), e.Status, e.Outcome, e.AssignedAt, e.ClosedAt))]);
    }

    /// <summary>The coach takes the engagement on, declaring no conflict of interest; the client hears a coach was found.</summary>
    public Task<Outcome<Engagement>> ConfirmAsync(StaffMember actor, string id, bool noConflictDeclared, CancellationToken cancellationToken)
    {
        if (!noConflictDeclared)
            return Task.FromResult<Outcome<Engagement>>(DeclarationRequired);
        return AnswerAsync(actor, id, (engagement, intake, data, cipher, change) =>
        {
            var confirmed = engagement with { Status = EngagementStatus.Active, ConfirmedAt = time.GetUtcNow() };
            var entity = confirmed.ToEntity(DossierOf(id), cipher);
            entity["NoConflictDeclaredAt"] = confirmed.ConfirmedAt;
            change.Add(cipher, EngagementEmails.ClientCoachFound, data.Email,
                EmailTemplates.ClientCoachFound(intake.PreferredLanguage, data.FirstName, Reference.Display(intake.IntakeId), actor.DisplayName, site.Value.ErasureLink));
            return (confirmed, entity, null);
        }, cancellationToken);
    }

    /// <summary>The coach declines; the intake goes back to the queue, its destruction date counted again from now (a new deadline: the old one stopped while the intake was assigned).</summary>
    public Task<Outcome<Engagement>> RefuseAsync(StaffMember actor, string id, string reason, CancellationToken cancellationToken)
    {
        var destroyAt = time.GetUtcNow().AddDays(retention.Value.IntakeDays);
        return AnswerAsync(actor, id, (engagement, intake, _, cipher, _) =>
        {
            var refused = engagement with { Status = EngagementStatus.Refused, RefusedAt = time.GetUtcNow() };
            var back = intake with { Status = IntakeStatus.New, DestroyAt = destroyAt };
            return (refused, refused.ToEntity(DossierOf(id), cipher, reason), back);
        }, cancellationToken, destroyAt);
    }

    private delegate (Engagement Changed, Azure.Data.Tables.TableEntity Row, IntakeRow? Intake) Answer(
        Engagement engagement, IntakeRow intake, IntakePersonalData data, UnitCipher cipher, ChangeEmails change);

    private static DossierId DossierOf(string id) => StaffIds.TryEngagement(id, out var dossier, out _, out _) ? dossier : default;

    /// <param name="destroyAt">When the answer restarts the intake's retention clock: its destruction deadline, written with the others.</param>
    private async Task<Outcome<Engagement>> AnswerAsync(StaffMember actor, string id, Answer answer, CancellationToken cancellationToken, DateTimeOffset? destroyAt = null)
    {
        if (!StaffIds.TryEngagement(id, out var dossier, out var intakeId, out var engagementId))
            return EngagementState.NotFound;
        var unit = new RetentionUnit(dossier, intakeId);
        var change = emails.Start(unit);
        var indexing = EngagementIndex.NewDeadline(change.Dispatch.Due, dossier, intakeId, engagementId);
        Deadline[] destroy = destroyAt is { } at ? [Deadline.New(IntakeDestruction.Destroy, at, dossier.PartitionKey, intakeId)] : [];
        await deadlines.ScheduleAsync([.. change.Deadlines, indexing, .. destroy], cancellationToken).ConfigureAwait(false);
        IntakeRow? requeued = null;
        var outcome = await OptimisticConcurrency.RunAsync<Engagement>(dossiers, dossier, Triage.Selectors(intakeId), snapshot =>
        {
            if (Triage.Find(snapshot, unit) is not { } found
                || Triage.Engagements(snapshot, intakeId).FirstOrDefault(e => e.EngagementId == engagementId) is not { } engagement)
                return EngagementState.NotFound;
            if (engagement.CoachId != actor.MemberId)
                return StaffService.NotAllowed;
            if (engagement.Status != EngagementStatus.Proposed)
                return NotProposed;
            using var cipher = UnitCipher.Open(protector, unit, found.WrappedKey);
            var data = IntakeRow.Open(cipher, found.Row);
            var (changed, row, intake) = answer(engagement, found.Intake, data, cipher, change);
            var transaction = new Storage.PartitionTransaction(dossier.PartitionKey).Replace(row, engagement.ETag);
            if (intake is not null)
                transaction.Replace(Triage.Rewrite(found.Row, intake), found.Row.ETag);
            change.AppendTo(transaction);
            requeued = intake;
            return new Decision<Engagement>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return changed;
            });
        }, EngagementState.Contended, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            emails.Abandon(change, [indexing, .. destroy]);
            return outcome.Failure;
        }
        var done = outcome.Value;
        emails.SendAfterCommit(change, new HeldDeadline(indexing, async ct =>
        {
            await index.WriteAsync(dossier, done, ct).ConfigureAwait(false);
            if (requeued is not null)
                await queue.IndexAsync(dossier, requeued, ct).ConfigureAwait(false);
            return DeadlineResult.Done;
        }));
        return outcome;
    }
}
