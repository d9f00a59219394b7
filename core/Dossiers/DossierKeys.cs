namespace Solidaire.Core.Dossiers;

/// <summary>
/// Every row key of a dossier partition, in one place. A row key starts with its row type, then the
/// retention unit it belongs to, so one unit's rows are one range of the partition.
/// </summary>
public static class DossierKeys
{
    public static string DataKey(string unitId) => "key|" + unitId;
    public static string Intake(string intakeId) => "intake|" + intakeId;
    public const string ComplaintPrefix = "complaint|";
    public static string Complaint(string complaintId) => ComplaintPrefix + complaintId;
    /// <summary>Every outbox row of a dossier, whatever its unit.</summary>
    public const string AnyOutbox = "outbox|";
    public static string OutboxPrefix(string unitId) => AnyOutbox + unitId + "|";
    public static string Outbox(string unitId, string messageId) => OutboxPrefix(unitId) + messageId;

    public const string MarkerPrefix = "dedup|";
    public static string IdempotencyMarker(string hash) => MarkerPrefix + "idem|" + hash;
    public static string ContentMarker(string hash) => MarkerPrefix + "content|" + hash;

    /// <summary>Where a sealed value is stored: sealing binds it there, so a copy in another row or field does not open.</summary>
    public static string FieldContext(string partition, string rowKey, string field) => $"{partition}|{rowKey}|{field}";

    /// <summary>Just past every row key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
