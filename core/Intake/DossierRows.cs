namespace Solidaire.Core.Intake;

/// <summary>
/// Row keys of a client's dossier partition (table Dossiers, partition = keyed hash of the email):
/// everything about one client lives together, so one change is one entity-group transaction, and
/// destroying a client's data is destroying one partition's keys.
/// </summary>
public static class DossierRows
{
    public static string DataKey(string intakeId) => "key|" + intakeId;
    public static string Intake(string intakeId) => "intake|" + intakeId;
    public static string OutboxPrefix(string intakeId) => "outbox|" + intakeId + "|";
    public static string Outbox(string intakeId, string messageId) => OutboxPrefix(intakeId) + messageId;
    public static string IdempotencyMarker(string hash) => "dedup|idem|" + hash;
    public static string ContentMarker(string hash) => "dedup|content|" + hash;

    /// <summary>Who a dossier's data key belongs to: its wrapping is bound to this, so it unwraps nowhere else.</summary>
    public static string KeyOwner(string partition, string intakeId) => partition + "|" + intakeId;

    /// <summary>Where a sealed value is stored: sealing binds it there, so a copy in another row or field does not open.</summary>
    public static string FieldContext(string partition, string rowKey, string field) => $"{partition}|{rowKey}|{field}";

    /// <summary>Just past every row key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
