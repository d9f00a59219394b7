using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Complaints;

/// <summary>The kinds of email a complaint sends.</summary>
public static class ComplaintEmails
{
    public const string Acknowledgement = "complaint-acknowledgement";
    public const string ReferentNotice = "complaint-notice";
}

/// <summary>What a referent closing a complaint writes: how it was resolved.</summary>
public sealed record ComplaintClosure(string Resolution);

/// <summary>
/// Complaints about a member's conduct (§1, §4.8, rule 12). Anyone can file one; it goes to the
/// ethics referents (Complaints:Referents), never to the member concerned: when the named member
/// is on the staff, they get no notice and cannot read it even if they are a referent. Each
/// complaint is its own retention unit in the complaints partition; its emails are recorded in the
/// transaction that records it.
/// </summary>
public sealed partial class ComplaintService(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    ChangeEmailSender changeEmails,
    PersonalDataProtector protector,
    StaffRegistry staff,
    IOptions<ComplaintOptions> options,
    IOptions<StaffOptions> staffOptions,
    IOptions<SiteOptions> site,
    IOptions<Retention.RetentionOptions> retention,
    TimeProvider time,
    ILogger<ComplaintService> logger)
{
    public static readonly Failure NotFound = new(FailureKind.NotFound, "complaint_not_found", "There is no such complaint.");
    public static readonly Failure AlreadyClosed = new(FailureKind.Conflict, "already_closed", "This complaint is already closed: its resolution cannot change.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "complaint_conflict", "The complaint changed at the same time; please try again.");

    /// <summary>
    /// Records a complaint with its acknowledgement and the referents' notices. Storage: the
    /// registry when a member is named (1), the emails' deadline (1), one transaction (1).
    /// </summary>
    public async Task<Outcome<string>> SubmitAsync(ComplaintForm form, CancellationToken cancellationToken)
    {
        var concerned = form.MemberName is null ? [] : await ConcernedAsync(form.MemberName, cancellationToken).ConfigureAwait(false);
        var complaint = new Complaint(
            Intake.Reference.New(), ComplaintStatus.Open, form.PreferredLanguage, time.GetUtcNow(), ClosedAt: null, ClosedBy: null,
            [.. concerned.Select(m => m.MemberId)],
            new ComplaintPersonalData(form.Description, form.MemberName, form.EngagementReference, form.ContactEmail, Resolution: null),
            default);
        var unit = complaint.Unit;

        var emails = changeEmails.Start(unit);
        PartitionTransaction transaction;
        using (var cipher = UnitCipher.New(protector, unit))
        {
            emails.Add(cipher, ComplaintEmails.Acknowledgement, form.ContactEmail, EmailTemplates.ComplaintAcknowledgement(form.PreferredLanguage, complaint.Reference));
            var notice = EmailTemplates.ComplaintNotice(staffOptions.Value.Language, complaint.Reference, site.Value.Link("staff/", "complaint=" + complaint.ComplaintId));
            foreach (var referent in Recipients(concerned))
                emails.Add(cipher, ComplaintEmails.ReferentNotice, referent, notice);
            transaction = emails.AppendTo(new PartitionTransaction(DossierId.Complaints.PartitionKey)
                .Add(DataKeyRow.New(cipher))
                .Add(ComplaintRow.ToEntity(cipher, complaint)));
        }

        await deadlines.ScheduleAsync(emails.Deadlines, cancellationToken).ConfigureAwait(false);
        var committed = await dossiers.CommitAsync(transaction).ConfigureAwait(false);
        if (!committed.IsSuccess)
        {
            changeEmails.Abandon(emails);
            return committed.Failure == TableTransactions.Conflict ? Contended : committed.Failure;
        }
        emails.Committed(committed.Value);
        changeEmails.SendAfterCommit(emails);
        LogReceived(logger, concerned.Count > 0);
        return Outcome<string>.Ok(complaint.Reference);
    }

    /// <summary>The complaints a referent may see, open ones first, then newest first. One round trip.</summary>
    public async Task<Outcome<IReadOnlyList<Complaint>>> ListAsync(StaffMember actor, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Referent))
            return StaffService.NotAllowed;
        var snapshot = await dossiers.LoadAsync(
            DossierId.Complaints, [new RowSelector.Prefix(DossierKeys.ComplaintPrefix), new RowSelector.Prefix(DossierKeys.DataKey(""))], cancellationToken).ConfigureAwait(false);
        var complaints = snapshot.WithPrefix(DossierKeys.ComplaintPrefix)
            .Select(row => Open(snapshot, row.RowKey[DossierKeys.ComplaintPrefix.Length..]))
            .OfType<Complaint>()
            .Where(c => !c.Concerns(actor.MemberId))
            .OrderBy(c => c.Status == ComplaintStatus.Open ? 0 : 1)
            .ThenByDescending(c => c.ReceivedAt)
            .ToArray();
        return Outcome<IReadOnlyList<Complaint>>.Ok(complaints);
    }

    /// <summary>One complaint, for a referent it does not concern. One round trip.</summary>
    public async Task<Outcome<Complaint>> DetailAsync(StaffMember actor, string complaintId, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Referent))
            return StaffService.NotAllowed;
        if (!IsComplaintId(complaintId))
            return NotFound;
        var snapshot = await dossiers.LoadAsync(DossierId.Complaints, Selectors(complaintId), cancellationToken).ConfigureAwait(false);
        // A referent the complaint is about learns nothing, not even that it exists.
        return Open(snapshot, complaintId) is { } complaint && !complaint.Concerns(actor.MemberId) ? Outcome<Complaint>.Ok(complaint) : NotFound;
    }

    /// <summary>
    /// Closes a complaint with its resolution, once; guarded by the complaint's ETag. Its file's
    /// destruction deadline is written before the commit. Three round trips.
    /// </summary>
    public async Task<Outcome<Complaint>> CloseAsync(StaffMember actor, string complaintId, ComplaintClosure closure, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Referent))
            return StaffService.NotAllowed;
        if (!IsComplaintId(complaintId))
            return NotFound;
        var now = time.GetUtcNow();
        Deadline? destroy = null;
        return await OptimisticConcurrency.RunAsync<Complaint>(dossiers, DossierId.Complaints, Selectors(complaintId), snapshot =>
        {
            if (Open(snapshot, complaintId) is not { } complaint || complaint.Concerns(actor.MemberId))
                return NotFound;
            if (complaint.Status == ComplaintStatus.Closed)
                return AlreadyClosed;
            var closed = complaint with
            {
                Status = ComplaintStatus.Closed,
                ClosedAt = now,
                ClosedBy = actor.MemberId,
                Data = complaint.Data with { Resolution = closure.Resolution },
            };
            using var cipher = UnitCipher.Open(protector, complaint.Unit, DataKeyRow.WrappedKeyOf(snapshot.Find(complaint.Unit.DataKeyRow))!);
            var transaction = new PartitionTransaction(DossierId.Complaints.PartitionKey).Replace(ComplaintRow.ToEntity(cipher, closed), complaint.ETag);
            return new Decision<Complaint>.Commit(transaction, receipt => closed with { ETag = receipt.ETags[0] });
        }, Contended, cancellationToken, beforeCommit: async ct =>
        {
            // Once, before the first attempt that commits; a deadline whose closure lost its race finds no closing date and ends.
            if (destroy is null)
            {
                destroy = ComplaintDestruction.NewDeadline(complaintId, now, retention.Value);
                await deadlines.ScheduleAsync([destroy], ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The staff members whose display name is the named member's, compared as people write names (case, accents, spaces).</summary>
    private async Task<IReadOnlyList<StaffMember>> ConcernedAsync(string memberName, CancellationToken cancellationToken)
    {
        var named = FormFields.Comparable(memberName);
        if (named.Length == 0)
            return [];
        var members = await staff.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. members.Where(m => FormFields.Comparable(m.DisplayName) == named)];
    }

    /// <summary>
    /// The referents' addresses but those of the members concerned. Should that leave no one, the
    /// active coordinators who are not concerned: a complaint must reach someone.
    /// </summary>
    private IReadOnlyList<string> Recipients(IReadOnlyList<StaffMember> concerned)
    {
        var excluded = concerned.Select(m => DossierId.NormalizeEmail(m.Email)).ToHashSet(StringComparer.Ordinal);
        var referents = options.Value.ReferentEmails.Where(e => !excluded.Contains(DossierId.NormalizeEmail(e))).ToArray();
        if (referents.Length > 0)
            return referents;
        LogNoReferentLeft(logger);
        return [.. staff.ActiveCoordinatorEmails.Where(e => !excluded.Contains(DossierId.NormalizeEmail(e)))];
    }

    /// <summary>A complaint id is a reference's 12 characters: anything else names no row (and never reaches storage as a key).</summary>
    private static bool IsComplaintId(string id) =>
        id.Length == 12 && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    private static RowSelector[] Selectors(string complaintId) =>
        [new RowSelector.Exact(DossierKeys.Complaint(complaintId)), new RowSelector.Exact(DossierKeys.DataKey(complaintId))];

    private Complaint? Open(DossierSnapshot snapshot, string complaintId)
    {
        var unit = ComplaintRow.UnitOf(complaintId);
        if (snapshot.Find(DossierKeys.Complaint(complaintId)) is not { } row || DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
            return null;
        using var cipher = UnitCipher.Open(protector, unit, wrapped);
        return ComplaintRow.Open(cipher, row);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint received (names a staff member: {NamesStaff}).")]
    private static partial void LogReceived(ILogger logger, bool namesStaff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every configured referent is concerned by a complaint: its notice goes to the coordinators instead.")]
    private static partial void LogNoReferentLeft(ILogger logger);
}
