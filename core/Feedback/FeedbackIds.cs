using Solidaire.Core.Dossiers;
using Solidaire.Core.Engagements;

namespace Solidaire.Core.Feedback;

/// <summary>What a feedback link carries: the engagement it is about and its coach, as "dossier.intake.engagement.coach".</summary>
public static class FeedbackIds
{
    public static string Format(DossierId dossier, string intakeId, string engagementId, string coachId) =>
        EngagementRecordIds.Format(dossier, intakeId, engagementId, coachId);

    public static bool TryParse(string subject, out DossierId dossier, out string intakeId, out string engagementId, out string coachId) =>
        EngagementRecordIds.TryParse(subject, out dossier, out intakeId, out engagementId, out coachId);
}
