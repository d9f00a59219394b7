using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Staff;

/// <summary>Why a coach cannot be assigned yet (rule 3: §3.2, §3.9, §3.14, §5.4).</summary>
public static class AssignmentRequirements
{
    public const string Active = "active";
    public const string CoachRole = "coach_role";
    public const string Profile = "profile";
    public const string CharterSignature = "charter_signature";

    /// <summary>What <paramref name="member"/> still lacks to be assigned a client; empty when assignable.</summary>
    public static IReadOnlyList<string> MissingFor(StaffMember member, Charter charter)
    {
        var missing = new List<string>();
        if (!member.Active)
            missing.Add(Active);
        if (!member.Has(StaffRoles.Coach))
            missing.Add(CoachRole);
        if (member.Profile is null)
            missing.Add(Profile);
        if (member.CharterSha256 != charter.Sha256)
            missing.Add(CharterSignature);
        return missing;
    }
}

/// <summary>
/// The registry's operations, each allowed to one role (deny by default, DESIGN.md rule 11):
/// coordinators invite, list and deactivate coaches; a member sees and completes their own record.
/// </summary>
public sealed class StaffService(
    StaffRegistry registry,
    IDeadlineStore deadlines,
    IEmailSender sender,
    IOptions<StaffOptions> options,
    IOptions<RetentionOptions> retention,
    DestructionLog log,
    IOptions<SiteOptions> site,
    Engagements.EngagementIndex engagements,
    TimeProvider time) : IDeadlineHandler
{
    public static readonly Failure NotAllowed = new(FailureKind.Forbidden, "forbidden", "Your role does not allow this.");
    public static readonly Failure CharterOutdated = new(FailureKind.Conflict, "charter_outdated", "This is not the charter in force: read it again and sign the current text.");
    public static readonly Failure LastCoordinator = new(FailureKind.Conflict, "last_coordinator", "This is the last active coordinator: name another one first.");

    /// <summary>A former member's record, destroyed once the retention period after deactivation has run.</summary>
    public static readonly DeadlineKind Destroy = new("staff.destroy", DeadlineLane.Retention);

    public DeadlineKind Kind => Destroy;

    public Charter Charter => Charter.Current;

    public async Task<Outcome<IReadOnlyList<StaffMember>>> ListCoachesAsync(StaffMember actor, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return NotAllowed;
        var members = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        return Outcome<IReadOnlyList<StaffMember>>.Ok(members.Where(m => m.Has(StaffRoles.Coach)).ToArray());
    }

    /// <summary>Enrols a coach and tells them what to do next. A coordinator's act.</summary>
    public async Task<Outcome<StaffMember>> InviteCoachAsync(StaffMember actor, CoachInvitation invitation, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return NotAllowed;
        var enrolled = await registry.EnrolAsync(invitation.Email, invitation.DisplayName, StaffRoles.Coach, cancellationToken).ConfigureAwait(false);
        if (enrolled.IsSuccess)
        {
            var content = EmailTemplates.CoachInvitation(options.Value.Language, site.Value.Link("staff/"));
            var message = new OutgoingEmail("invite-" + Guid.NewGuid().ToString("N"), invitation.Email, content.Language, content.Subject, content.Text, content.Html) { Kind = "coach-invitation" };
            // Nothing secret in it, and the coach can always sign in from the console: a lost invitation costs a word from the coordinator.
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        return enrolled;
    }

    /// <summary>
    /// Makes someone an ethics referent (§1, §4.8, rule 12): a new member, or the role added to a
    /// member already registered. A coordinator's act, like inviting a coach.
    /// </summary>
    public Task<Outcome<StaffMember>> GrantReferentAsync(StaffMember actor, CoachInvitation invitation, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return Task.FromResult<Outcome<StaffMember>>(NotAllowed);
        return registry.EnrolAsync(invitation.Email, invitation.DisplayName, StaffRoles.Referent, cancellationToken);
    }

    public async Task<Outcome<StaffMember>> DeactivateAsync(StaffMember actor, string memberId, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return NotAllowed;
        var members = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        if (members.FirstOrDefault(m => m.MemberId == memberId) is not { } target)
            return StaffRegistry.NotFound;
        if (target.Has(StaffRoles.Coordinator) && !members.Any(m => m.Active && m.Has(StaffRoles.Coordinator) && m.MemberId != memberId))
            return LastCoordinator;
        var now = time.GetUtcNow();
        var changed = await registry.ChangeAsync(memberId, m => m.Active
            ? Outcome<StaffMember>.Ok(m with { Active = false, DeactivatedAt = now, TokenVersion = m.TokenVersion + 1 })
            : Outcome<StaffMember>.Ok(m), cancellationToken).ConfigureAwait(false);
        if (changed.IsSuccess && changed.Value.DeactivatedAt == now)
        {
            var due = now.AddDays(retention.Value.StaffDays);
            await deadlines.ScheduleAsync([Deadline.New(Destroy, due, DossierId.StaffRegistry.PartitionKey, memberId)], cancellationToken).ConfigureAwait(false);
        }
        return changed;
    }

    public Task<Outcome<StaffMember>> UpdateProfileAsync(StaffMember actor, ProfileForm form, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coach))
            return Task.FromResult<Outcome<StaffMember>>(NotAllowed);
        return registry.ChangeAsync(actor.MemberId, m => Outcome<StaffMember>.Ok(m with { DisplayName = form.DisplayName, Profile = form.Profile }), cancellationToken);
    }

    public Task<Outcome<StaffMember>> SignCharterAsync(StaffMember actor, CharterSignatureForm form, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coach))
            return Task.FromResult<Outcome<StaffMember>>(NotAllowed);
        if (form.CharterSha256 != Charter.Sha256)
            return Task.FromResult<Outcome<StaffMember>>(CharterOutdated);
        var now = time.GetUtcNow();
        return registry.ChangeAsync(actor.MemberId, m => m.CharterSha256 == Charter.Sha256
            ? Outcome<StaffMember>.Ok(m)
            : Outcome<StaffMember>.Ok(m with { CharterSha256 = Charter.Sha256, CharterSignedAt = now }), cancellationToken);
    }

    /// <summary>Destroys a former member's record when still deactivated, its period has run and no engagement of theirs is open; reactivated, it stays.</summary>
    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var member = await registry.FindAsync(deadline.Subject, cancellationToken).ConfigureAwait(false);
        if (member is not { Active: false, DeactivatedAt: { } since })
            return DeadlineResult.Done;
        var due = since.AddDays(retention.Value.StaffDays);
        if (due > time.GetUtcNow())
            return DeadlineResult.Later(due);
        // A former coach's record stays while an engagement of theirs is still open: look again in a week.
        if ((await engagements.OfCoachAsync(member.MemberId, cancellationToken).ConfigureAwait(false)).Any(e => Engagements.EngagementStatus.IsOpen(e.Status)))
            return DeadlineResult.Later(time.GetUtcNow().AddDays(7));
        var shredded = await registry.DestroyAsync(member, cancellationToken).ConfigureAwait(false);
        if (!shredded.Complete)
            return DeadlineResult.Later(time.GetUtcNow());
        await log.RecordAsync(DestructionKinds.StaffRecord, shredded.Rows, shredded.Keys, cancellationToken).ConfigureAwait(false);
        return DeadlineResult.Done;
    }

}
