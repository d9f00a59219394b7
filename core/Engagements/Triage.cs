using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;

namespace Solidaire.Core.Engagements;

/// <summary>An intake as coordinators triage it: what the person wrote, never their contact details.</summary>
public sealed record TriageItem(string Id, string Reference, DateTimeOffset ReceivedAt, string Role, bool Urgent, string PreferredLanguage, string? Organisation, string Situation, string Status);

/// <summary>One read of a client's contact details: who, when (no content).</summary>
public sealed record ContactRead(DateTimeOffset At, string MemberId, string? DisplayName = null);

/// <summary>An intake in full, for a coordinator or its assigned coach: with the contact details, whose reading is logged.</summary>
public sealed record IntakeDetail(TriageItem Item, IntakePersonalData Contact, IReadOnlyList<ContactRead>? AccessLog, IReadOnlyList<string>? SameOrganisationCoachIds);

/// <summary>Intake statuses beyond "new".</summary>
public static class IntakeStatus
{
    public const string New = IntakeRow.New;
    public const string Assigned = "assigned";
    public const string Declined = "declined";
}

/// <summary>
/// Triage (§2 Clients, §3.7, §3.8, §3.17–3.20): the queue without contact details, an intake's
/// detail with every contact read logged, assignment to an assignable coach, and declining kindly.
/// Each change is one transaction in the client's dossier guarded by the intake's ETag.
/// </summary>
public sealed class Triage(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    IntakeQueue queue,
    EngagementIndex index,
    StaffRegistry registry,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    IOptions<RetentionOptions> retention,
    IOptions<StaffOptions> staffOptions,
    IOptions<SiteOptions> site,
    TimeProvider time)
{
    public const int PageSize = 20;
    public const string AccessPrefix = "access|";

    public static readonly Failure NotFound = new(FailureKind.NotFound, "intake_not_found", "There is no such intake (or it was destroyed).");
    public static readonly Failure AlreadyAssigned = new(FailureKind.Conflict, "already_assigned", "This intake already has a coach, or is being answered.");
    public static readonly Failure Closed = new(FailureKind.Conflict, "intake_closed", "This intake was declined: it can no longer be assigned.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "intake_conflict", "The intake changed at the same time; please try again.");

    public static Failure NotAssignable(IReadOnlyList<string> missing) =>
        new(FailureKind.Conflict, "coach_not_assignable", "This coach cannot be assigned yet: see what is missing.") { Missing = missing };

    /// <summary>The queue, urgent first, one page: one read of the queue, then one read per intake, together.</summary>
    public async Task<Outcome<(IReadOnlyList<TriageItem> Items, string? Next)>> QueueAsync(StaffMember actor, string? cursor, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return StaffService.NotAllowed;
        var (page, next) = await queue.PageAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false);
        var items = await Task.WhenAll(page.Select(async p =>
        {
            var opened = await OpenAsync(p.Dossier, p.IntakeId, withAccessLog: false, cancellationToken).ConfigureAwait(false);
            return opened is null ? null : Item(opened);
        })).ConfigureAwait(false);
        return Outcome<(IReadOnlyList<TriageItem>, string?)>.Ok(([.. items.OfType<TriageItem>()], next));
    }

    /// <summary>The intake in full for a coordinator or its assigned coach; the read is logged first.</summary>
    public async Task<Outcome<IntakeDetail>> DetailAsync(StaffMember actor, string id, CancellationToken cancellationToken)
    {
        if (!StaffIds.TryIntake(id, out var dossier, out var intakeId))
            return NotFound;
        var opened = await OpenAsync(dossier, intakeId, withAccessLog: actor.Has(StaffRoles.Coordinator), cancellationToken).ConfigureAwait(false);
        if (opened is null)
            return NotFound;
        var coordinator = actor.Has(StaffRoles.Coordinator);
        if (!coordinator && !opened.Engagements.Any(e => e.CoachId == actor.MemberId && EngagementStatus.IsOpen(e.Status)))
            return StaffService.NotAllowed;

        var now = time.GetUtcNow();
        var logRow = new TableEntity(dossier.PartitionKey, $"{AccessPrefix}{intakeId}|{now.UtcTicks:D19}|{actor.MemberId}|{RandomNumberGenerator.GetHexString(4, lowercase: true)}") { ["MemberId"] = actor.MemberId, ["At"] = now };
        // The entry's end is written with it, side by side: once per intake and day (later reads that day find it there).
        var expiry = deadlines.ScheduleOnceAsync(AccessLogExpiry.NewDeadline(dossier, intakeId, now, retention.Value.AccessLogDays), cancellationToken);
        var logged = await dossiers.CommitAsync(new Storage.PartitionTransaction(dossier.PartitionKey).Add(logRow)).ConfigureAwait(false);
        await expiry.ConfigureAwait(false);
        if (!logged.IsSuccess)
            return logged.Failure; // never show contact details whose reading could not be recorded

        IReadOnlyList<string>? sameOrganisation = null;
        if (coordinator && OrganisationHash(opened.Data.Organisation) is { } hash)
            sameOrganisation = await index.CoachesWithOrganisationAsync(hash, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ContactRead>? log = null;
        if (coordinator)
        {
            var names = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.MemberId, m => m.DisplayName, StringComparer.Ordinal);
            log = [.. opened.AccessLog.Append(new ContactRead(now, actor.MemberId)).Select(r => r with { DisplayName = names.GetValueOrDefault(r.MemberId) })];
        }
        return Outcome<IntakeDetail>.Ok(new IntakeDetail(Item(opened), opened.Data, log, sameOrganisation));
    }

    /// <summary>Assigns an assignable coach (rule 3); the coach is told by email and must confirm (rule 4).</summary>
    public async Task<Outcome<string>> AssignAsync(StaffMember actor, string id, string coachId, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return StaffService.NotAllowed;
        if (!StaffIds.TryIntake(id, out var dossier, out var intakeId))
            return NotFound;
        var coach = await registry.FindAsync(coachId, cancellationToken).ConfigureAwait(false);
        if (coach is null)
            return NotAssignable([AssignmentRequirements.Active, AssignmentRequirements.CoachRole]);
        var missing = AssignmentRequirements.MissingFor(coach, Charter.Current);
        if (missing.Count > 0)
            return NotAssignable(missing);

        var unit = new RetentionUnit(dossier, intakeId);
        var engagementId = Reference.New();
        var change = emails.Start(unit);
        var indexing = EngagementIndex.NewDeadline(change.Dispatch.Due, dossier, intakeId, engagementId);
        await deadlines.ScheduleAsync([.. change.Deadlines, indexing], cancellationToken).ConfigureAwait(false);

        var reference = Reference.Display(intakeId);
        var link = site.Value.EngagementLink(dossier, intakeId, engagementId);
        var outcome = await OptimisticConcurrency.RunAsync<(Engagement, IntakeRow)>(dossiers, dossier, Selectors(intakeId), snapshot =>
        {
            if (Find(snapshot, unit) is not { } found)
                return NotFound;
            var (intake, row, wrapped) = found;
            if (intake.Status == IntakeStatus.Declined)
                return Closed;
            if (intake.Status != IntakeStatus.New || Engagements(snapshot, intakeId).Any(e => EngagementStatus.IsOpen(e.Status)))
                return AlreadyAssigned;
            using var cipher = UnitCipher.Open(protector, unit, wrapped);
            var data = IntakeRow.Open(cipher, row);
            var engagement = new Engagement(intakeId, engagementId, coachId, EngagementStatus.Proposed, time.GetUtcNow(), actor.MemberId, null, null, OrganisationHash(data.Organisation), default);
            // While an engagement is open its intake is kept: its destruction date starts again when the engagement ends.
            var assigned = intake with { Status = IntakeStatus.Assigned, DestroyAt = DateTimeOffset.MaxValue };
            change.Add(cipher, EngagementEmails.CoachAssigned, coach.Email, EmailTemplates.CoachAssigned(CoachLanguage(coach), reference, link));
            var transaction = new Storage.PartitionTransaction(dossier.PartitionKey)
                .Replace(Rewrite(row, assigned), row.ETag)
                .Add(engagement.ToEntity(dossier, cipher));
            change.AppendTo(transaction);
            return new Decision<(Engagement, IntakeRow)>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return (engagement, assigned);
            });
        }, Contended, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            emails.Abandon(change, indexing);
            return outcome.Failure;
        }
        var (made, assignedIntake) = outcome.Value;
        // Indexed before the answer (one more round trip): the coach's list shows the engagement
        // before the email that links to it can arrive. Should this fail, the deadline does it later.
        var indexed = false;
        try
        {
            await index.WriteAsync(dossier, made, cancellationToken).ConfigureAwait(false);
            indexed = true;
        }
        catch (Exception e) when (Storage.Tables.IsUnavailable(e))
        {
        }
        emails.SendAfterCommit(change, new HeldDeadline(indexing, async ct =>
        {
            if (!indexed)
                await index.WriteAsync(dossier, made, ct).ConfigureAwait(false);
            await queue.RemoveAsync(assignedIntake, ct).ConfigureAwait(false);
            return DeadlineResult.Done;
        }));
        return Outcome<string>.Ok(StaffIds.Engagement(dossier, intakeId, engagementId));
    }

    /// <summary>Declines an intake kindly (§3.7): the person is told in their language, with where to turn when given.</summary>
    public async Task<Outcome<bool>> DeclineAsync(StaffMember actor, string id, DeclineForm form, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return StaffService.NotAllowed;
        if (!StaffIds.TryIntake(id, out var dossier, out var intakeId))
            return NotFound;
        var unit = new RetentionUnit(dossier, intakeId);
        var change = emails.Start(unit);
        await deadlines.ScheduleAsync(change.Deadlines, cancellationToken).ConfigureAwait(false);
        var days = retention.Value.IntakeDays;
        var outcome = await OptimisticConcurrency.RunAsync<IntakeRow>(dossiers, dossier, Selectors(intakeId), snapshot =>
        {
            if (Find(snapshot, unit) is not { } found)
                return NotFound;
            var (intake, row, wrapped) = found;
            if (intake.Status != IntakeStatus.New)
                return intake.Status == IntakeStatus.Declined ? Closed : AlreadyAssigned;
            using var cipher = UnitCipher.Open(protector, unit, wrapped);
            var data = IntakeRow.Open(cipher, row);
            // Kept 90 days after its last change, then destroyed (its deadline moves to this date).
            var declined = intake with { Status = IntakeStatus.Declined, DestroyAt = time.GetUtcNow().AddDays(days) };
            var entity = Rewrite(row, declined);
            entity["DeclineReason"] = cipher.Seal(row.RowKey, "DeclineReason", form.Reason);
            entity["Referral"] = cipher.Seal(row.RowKey, "Referral", form.Referral);
            change.Add(cipher, EngagementEmails.ClientDeclined, data.Email,
                EmailTemplates.ClientDeclined(intake.PreferredLanguage, data.FirstName, Reference.Display(intakeId), form.Referral, days, site.Value.ErasureLink));
            var transaction = new Storage.PartitionTransaction(dossier.PartitionKey).Replace(entity, row.ETag);
            change.AppendTo(transaction);
            return new Decision<IntakeRow>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return declined;
            });
        }, Contended, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            emails.Abandon(change);
            return outcome.Failure;
        }
        var declinedIntake = outcome.Value;
        emails.SendAfterCommit(change);
        await queue.RemoveAsync(declinedIntake, cancellationToken).ConfigureAwait(false);
        return Outcome<bool>.Ok(true);
    }

    internal static RowSelector[] Selectors(string intakeId) =>
    [
        new RowSelector.Exact(DossierKeys.DataKey(intakeId)),
        new RowSelector.Exact(DossierKeys.Intake(intakeId)),
        new RowSelector.Prefix(Engagement.PrefixOf(intakeId)),
    ];

    internal static (IntakeRow Intake, TableEntity Row, string WrappedKey)? Find(DossierSnapshot snapshot, RetentionUnit unit) =>
        snapshot.Find(DossierKeys.Intake(unit.Id)) is { } row && DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is { } wrapped
            ? (IntakeRow.From(row), row, wrapped)
            : null;

    internal static IEnumerable<Engagement> Engagements(DossierSnapshot snapshot, string intakeId) =>
        snapshot.WithPrefix(Engagement.PrefixOf(intakeId)).Select(Engagement.From);

    /// <summary>The intake row with its clear columns changed and its sealed ones as they were.</summary>
    internal static TableEntity Rewrite(TableEntity row, IntakeRow changed)
    {
        var entity = new TableEntity(row);
        entity[IntakeRow.StatusColumn] = changed.Status;
        entity[IntakeRow.DestroyAtColumn] = changed.DestroyAt;
        return entity;
    }

    private string CoachLanguage(StaffMember coach) => coach.Profile?.Languages.FirstOrDefault() ?? staffOptions.Value.Language;

    /// <summary>A keyed hash of an organisation's name, to compare without storing it in clear (§3.20); null without one.</summary>
    private string? OrganisationHash(string? organisation) =>
        string.IsNullOrWhiteSpace(organisation) ? null : protector.LookupHash("organisation", Forms.FormFields.Comparable(organisation));

    private sealed record Opened(DossierId Dossier, IntakeRow Intake, IntakePersonalData Data, IReadOnlyList<Engagement> Engagements, IReadOnlyList<ContactRead> AccessLog);

    private async Task<Opened?> OpenAsync(DossierId dossier, string intakeId, bool withAccessLog, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(dossier, intakeId);
        RowSelector[] selectors = withAccessLog ? [.. Selectors(intakeId), new RowSelector.Prefix(AccessPrefix + intakeId + "|")] : Selectors(intakeId);
        var snapshot = await dossiers.LoadAsync(dossier, selectors, cancellationToken).ConfigureAwait(false);
        if (Find(snapshot, unit) is not { } found)
            return null;
        using var cipher = UnitCipher.Open(protector, unit, found.WrappedKey);
        var log = snapshot.WithPrefix(AccessPrefix + intakeId + "|")
            .Select(r => new ContactRead(r.GetDateTimeOffset("At") ?? default, r.GetString("MemberId")))
            .OrderBy(r => r.At)
            .ToArray();
        return new Opened(dossier, found.Intake, IntakeRow.Open(cipher, found.Row), [.. Engagements(snapshot, intakeId)], log);
    }

    private static TriageItem Item(Opened o) => new(
        StaffIds.Intake(o.Dossier, o.Intake.IntakeId), Reference.Display(o.Intake.IntakeId), o.Intake.CreatedAt, o.Intake.Role, o.Intake.Urgent,
        o.Intake.PreferredLanguage, o.Data.Organisation, o.Data.Situation, o.Intake.Status);
}

/// <summary>Why and to whom a coordinator declines an intake.</summary>
public sealed record DeclineForm(string Reason, string? Referral);

/// <summary>The kinds of email triage and engagements send.</summary>
public static class EngagementEmails
{
    public const string CoachAssigned = "coach-assigned";
    public const string ClientCoachFound = "client-coach-found";
    public const string ClientDeclined = "client-declined";
}
