using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Engagements;

/// <summary>
/// Ids of records that belong to one engagement (its contract, its feedback link): the engagement's
/// id (<see cref="StaffIds.Engagement"/>), a point, and the record's own part: one id is one point read.
/// </summary>
public static class EngagementRecordIds
{
    public static string Format(DossierId dossier, string intakeId, string engagementId, string own) =>
        StaffIds.Engagement(dossier, intakeId, engagementId) + "." + own;

    public static bool TryParse(string id, out DossierId dossier, out string intakeId, out string engagementId, out string own)
    {
        dossier = default;
        intakeId = engagementId = own = "";
        var last = id.LastIndexOf('.');
        if (last <= 0 || last == id.Length - 1)
            return false;
        own = id[(last + 1)..];
        return own.Length <= 64 && own.All(char.IsAsciiLetterOrDigit)
            && StaffIds.TryEngagement(id[..last], out dossier, out intakeId, out engagementId);
    }
}
