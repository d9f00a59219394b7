using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Engagements;

/// <summary>Where an engagement stands.</summary>
public static class EngagementStatus
{
    /// <summary>A coordinator assigned a coach, who has not confirmed yet.</summary>
    public const string Proposed = "proposed";

    /// <summary>The coach confirmed, declaring no conflict of interest (§3.18).</summary>
    public const string Active = "active";

    /// <summary>The coach declined; the intake went back to the queue.</summary>
    public const string Refused = "refused";

    /// <summary>Ended, with an <see cref="EngagementOutcomes">outcome</see>; its retention clock runs from then.</summary>
    public const string Closed = "closed";

    public static bool IsOpen(string status) => status is Proposed or Active;

    /// <summary>Every status, as the collective's list filters by it.</summary>
    public static readonly IReadOnlyList<string> All = [Proposed, Active, Closed, Refused];
}

/// <summary>How an engagement ended (§3.7, §3.21, §3.23, §5.1, §5.2).</summary>
public static class EngagementOutcomes
{
    public const string Completed = "completed";
    public const string Referred = "referred";
    public const string ClassicContract = "classic_contract";
    public const string EndedByClient = "ended_by_client";
    public const string EndedByCoach = "ended_by_coach";

    /// <summary>No session for the lapse period: closed by the follow-up, never by a person.</summary>
    public const string Lapsed = "lapsed";

    /// <summary>What a coach may choose when closing.</summary>
    public static readonly IReadOnlyList<string> ByCoach = [Completed, Referred, ClassicContract, EndedByClient, EndedByCoach];
}

/// <summary>
/// The ids the staff API hands out for records that live in a client's dossier: the dossier's
/// partition and the record's own id, so one id is one point read. They name a keyed hash, never
/// an address.
/// </summary>
public static class StaffIds
{
    public static string Intake(DossierId dossier, string intakeId) => dossier.PartitionKey + "." + intakeId;

    public static string Engagement(DossierId dossier, string intakeId, string engagementId) => dossier.PartitionKey + "." + intakeId + "." + engagementId;

    public static bool TryIntake(string id, out DossierId dossier, out string intakeId)
    {
        var parts = id.Split('.');
        return TryDossier(parts, 2, out dossier, out intakeId, out _);
    }

    public static bool TryEngagement(string id, out DossierId dossier, out string intakeId, out string engagementId)
    {
        var parts = id.Split('.');
        return TryDossier(parts, 3, out dossier, out intakeId, out engagementId);
    }

    private static bool TryDossier(string[] parts, int count, out DossierId dossier, out string intakeId, out string engagementId)
    {
        dossier = default;
        intakeId = engagementId = "";
        if (parts.Length != count || parts[1..].Any(p => p.Length is 0 or > 32 || !p.All(char.IsAsciiLetterOrDigit)))
            return false;
        try
        {
            dossier = DossierId.Parse(parts[0]);
        }
        catch (FormatException)
        {
            return false;
        }
        if (dossier == DossierId.StaffRegistry)
            return false;
        intakeId = parts[1];
        engagementId = count == 3 ? parts[2] : "";
        return true;
    }
}

/// <summary>
/// An engagement: a client's intake taken on by one coach (rules 3, 4). It lives in the client's
/// dossier, next to its intake and in the intake's retention unit (row "engagement|intakeId|id"),
/// so its change and the intake's are one transaction.
/// </summary>
public sealed record Engagement(
    string IntakeId,
    string EngagementId,
    string CoachId,
    string Status,
    DateTimeOffset AssignedAt,
    string AssignedBy,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? RefusedAt,
    string? OrganisationHash,
    ETag ETag,
    string? Outcome = null,
    DateTimeOffset? ClosedAt = null)
{
    public const string Prefix = "engagement|";

    public static string PrefixOf(string intakeId) => Prefix + intakeId + "|";

    public static string RowKeyOf(string intakeId, string engagementId) => PrefixOf(intakeId) + engagementId;

    public string RowKey => RowKeyOf(IntakeId, EngagementId);

    public TableEntity ToEntity(DossierId dossier, UnitCipher cipher, string? refusalReason = null) => new(dossier.PartitionKey, RowKey)
    {
        [nameof(CoachId)] = CoachId,
        [nameof(Status)] = Status,
        [nameof(AssignedAt)] = AssignedAt,
        [nameof(AssignedBy)] = AssignedBy,
        [nameof(ConfirmedAt)] = ConfirmedAt,
        [nameof(RefusedAt)] = RefusedAt,
        [nameof(OrganisationHash)] = OrganisationHash,
        // The coach's reason may speak of the client: sealed like the client's own words.
        ["RefusalReason"] = cipher.Seal(RowKey, "RefusalReason", refusalReason),
    };

    public static Engagement From(TableEntity e)
    {
        var parts = e.RowKey.Split('|');
        return new Engagement(parts[1], parts[2], e.GetString(nameof(CoachId)), e.GetString(nameof(Status)),
            e.GetDateTimeOffset(nameof(AssignedAt)) ?? default, e.GetString(nameof(AssignedBy)),
            e.GetDateTimeOffset(nameof(ConfirmedAt)), e.GetDateTimeOffset(nameof(RefusedAt)), e.GetString(nameof(OrganisationHash)), e.ETag,
            e.GetString(nameof(Outcome)), e.GetDateTimeOffset(nameof(ClosedAt)));
    }
}
