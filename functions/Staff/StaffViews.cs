using Solidaire.Core.Engagements;
using Solidaire.Core.Staff;

namespace Solidaire.Functions.Staff;

/// <summary>How staff records are shown: to the member themself, and to coordinators in the registry.</summary>
public static class StaffViews
{
    public static object Member(StaffMember m, Charter charter) => new
    {
        memberId = m.MemberId,
        email = m.Email,
        displayName = m.DisplayName,
        roles = m.Roles,
        profile = Profile(m.Profile),
        charter = new { signed = m.CharterSha256 == charter.Sha256, signedAt = m.CharterSha256 == charter.Sha256 ? m.CharterSignedAt : null },
        assignable = AssignmentRequirements.MissingFor(m, charter).Count == 0,
        missing = m.Has(StaffRoles.Coach) ? AssignmentRequirements.MissingFor(m, charter) : [],
    };

    public static object Coach(StaffMember m, Charter charter) => new
    {
        coachId = m.MemberId,
        email = m.Email,
        displayName = m.DisplayName,
        active = m.Active,
        roles = m.Roles,
        profile = Profile(m.Profile),
        charterSigned = m.CharterSha256 == charter.Sha256,
        assignable = AssignmentRequirements.MissingFor(m, charter).Count == 0,
        missing = AssignmentRequirements.MissingFor(m, charter),
    };

    private static object? Profile(CoachProfile? p) => p is null
        ? null
        : new { languages = p.Languages, certification = p.Certification, certifyingBody = p.CertifyingBody, supervisor = p.Supervisor, insurance = p.Insurance };

    public static object Intake(TriageItem i) => new
    {
        id = i.Id,
        reference = i.Reference,
        receivedAt = i.ReceivedAt,
        role = i.Role,
        urgent = i.Urgent,
        preferredLanguage = i.PreferredLanguage,
        organisation = i.Organisation,
        situation = i.Situation,
        status = i.Status,
    };

    public static object IntakeDetail(IntakeDetail d) => new
    {
        id = d.Item.Id,
        reference = d.Item.Reference,
        receivedAt = d.Item.ReceivedAt,
        role = d.Item.Role,
        urgent = d.Item.Urgent,
        preferredLanguage = d.Item.PreferredLanguage,
        organisation = d.Item.Organisation,
        situation = d.Item.Situation,
        availability = d.Contact.Availability,
        status = d.Item.Status,
        contact = new { firstName = d.Contact.FirstName, lastName = d.Contact.LastName, email = d.Contact.Email, phone = d.Contact.Phone },
        accessLog = d.AccessLog?.Select(r => new { at = r.At, memberId = r.MemberId, displayName = r.DisplayName }),
        sameOrganisationCoachIds = d.SameOrganisationCoachIds,
    };

    public static object Engagement(CoachEngagement e) => new
    {
        id = e.Id,
        intakeId = e.IntakeId,
        reference = e.Reference,
        status = e.Status,
        assignedAt = e.AssignedAt,
        clientFirstName = e.ClientFirstName,
        preferredLanguage = e.PreferredLanguage,
        contract = e.Contract is not { } c ? null : new
        {
            status = c.Status,
            version = c.Version,
            sha256 = c.Sha256,
            issuedAt = c.IssuedAt,
            expiresAt = c.ExpiresAt,
            terms = new { sessionsPlanned = c.SessionsPlanned, format = c.Format, usualPricePerSessionEur = c.UsualPricePerSessionEur, message = c.Message },
            signed = c.Signature is not { } s ? null : new
            {
                signedAt = s.SignedAt,
                counterpart = Client.ContractViews.Counterpart(s.Counterpart),
                understood = true,
                supervisionConsent = s.SupervisionConsent,
            },
        },
        sessions = e.Sessions.Select(Session),
        sessionCount = e.Sessions.Count,
        sessionLimit = e.SessionLimit,
        outcome = e.Outcome,
        closedAt = e.ClosedAt,
    };

    /// <summary>A session for its coach: the start with the offset it was given, the room link, the private notes.</summary>
    public static object Session(Core.Sessions.SessionView s) => new
    {
        id = s.Id,
        date = s.Start.ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture),
        durationMinutes = s.DurationMinutes,
        medium = s.Medium,
        roomUrl = s.RoomLink,
        notes = s.Notes,
        sequence = s.Sequence,
    };

    /// <summary>A complaint in the referents' list: no contact address (no bulk listing of contacts, §3.8, §3.17).</summary>
    public static object Complaint(Core.Complaints.Complaint c) => new
    {
        id = c.ComplaintId,
        reference = c.Reference,
        status = c.Status,
        receivedAt = c.ReceivedAt,
        closedAt = c.ClosedAt,
        memberName = c.Data.MemberName,
        engagementReference = c.Data.EngagementReference,
    };

    public static object ComplaintDetail(Core.Complaints.Complaint c) => new
    {
        id = c.ComplaintId,
        reference = c.Reference,
        status = c.Status,
        receivedAt = c.ReceivedAt,
        closedAt = c.ClosedAt,
        closedBy = c.ClosedBy,
        memberName = c.Data.MemberName,
        engagementReference = c.Data.EngagementReference,
        description = c.Data.Description,
        contactEmail = c.Data.ContactEmail,
        preferredLanguage = c.PreferredLanguage,
        resolution = c.Data.Resolution,
    };

    /// <summary>The monthly counts: each dimension's cells by month, null where a count is not given exactly (fewer than <c>minimumCount</c>, or its complement).</summary>
    public static object Statistics(Core.Statistics.StatisticsReport r) => new
    {
        from = r.Period.Months[0],
        to = r.Period.Months[^1],
        minimumCount = Core.Statistics.StatisticsReport.MinimumCount,
        dimensions = Core.Statistics.StatisticsCells.Dimensions.Select(d => new { name = d.Name, keys = d.Keys })
            .Append(new { name = Core.Statistics.StatisticsReport.Destructions, keys = Core.Retention.DestructionKinds.All }),
        months = r.Months.Select(m =>
        {
            var month = new Dictionary<string, object>(StringComparer.Ordinal) { ["month"] = m.Month };
            foreach (var d in Core.Statistics.StatisticsCells.Dimensions)
                month[d.Name] = d.Keys.ToDictionary(k => k, k => m.Counts[Core.Statistics.StatisticsCells.Cell(d.Name, k)], StringComparer.Ordinal);
            month[Core.Statistics.StatisticsReport.Destructions] = m.Destructions;
            return month;
        }),
    };
}
