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
}
