using Azure.Data.Tables;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Intake;

/// <summary>What the client wrote, opened with the intake's data key.</summary>
public sealed record IntakePersonalData(
    string FirstName, string LastName, string Email, string? Phone, string? Organisation, string Situation, string? Availability);

/// <summary>
/// An intake as stored in its client's dossier (row "intake|id"): the facts the queue and the rules
/// need in clear (none personal), and the client's words sealed with the intake's own data key.
/// </summary>
public sealed record IntakeRow(
    string IntakeId,
    string Status,
    string Role,
    bool HasPriority,
    bool Urgent,
    string PreferredLanguage,
    DateTimeOffset CreatedAt,
    DateTimeOffset DestroyAt)
{
    public const string StatusColumn = "Status";
    public const string RoleColumn = "Role";
    public const string HasPriorityColumn = "HasPriority";
    public const string UrgentColumn = "Urgent";
    public const string PreferredLanguageColumn = "PreferredLanguage";
    public const string CreatedAtColumn = "CreatedAt";

    /// <summary>When the intake is destroyed unless a rule moves it (an engagement starting).</summary>
    public const string DestroyAtColumn = "DestroyAt";

    public const string FirstName = nameof(FirstName);
    public const string LastName = nameof(LastName);
    public const string Email = nameof(Email);
    public const string Phone = nameof(Phone);
    public const string Organisation = nameof(Organisation);
    public const string Situation = nameof(Situation);
    public const string Availability = nameof(Availability);

    public const string New = "new";

    public string RowKey => DossierKeys.Intake(IntakeId);

    public TableEntity ToEntity(UnitCipher cipher, IntakePersonalData data)
    {
        var rowKey = RowKey;
        string? Seal(string field, string? value) => cipher.Seal(rowKey, field, value);
        return new TableEntity(cipher.Unit.Dossier.PartitionKey, rowKey)
        {
            [StatusColumn] = Status,
            [RoleColumn] = Role,
            [HasPriorityColumn] = HasPriority,
            [UrgentColumn] = Urgent,
            [PreferredLanguageColumn] = PreferredLanguage,
            [CreatedAtColumn] = CreatedAt,
            [DestroyAtColumn] = DestroyAt,
            [FirstName] = Seal(FirstName, data.FirstName),
            [LastName] = Seal(LastName, data.LastName),
            [Email] = Seal(Email, data.Email),
            [Phone] = Seal(Phone, data.Phone),
            [Organisation] = Seal(Organisation, data.Organisation),
            [Situation] = Seal(Situation, data.Situation),
            [Availability] = Seal(Availability, data.Availability),
        };
    }

    public static IntakeRow From(TableEntity e) => new(
        e.RowKey["intake|".Length..],
        e.GetString(StatusColumn),
        e.GetString(RoleColumn),
        e.GetBoolean(HasPriorityColumn) ?? false,
        e.GetBoolean(UrgentColumn) ?? false,
        e.GetString(PreferredLanguageColumn),
        e.GetDateTimeOffset(CreatedAtColumn) ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset(DestroyAtColumn) ?? DateTimeOffset.MaxValue);

    public static IntakePersonalData Open(UnitCipher cipher, TableEntity e)
    {
        string? Open(string field) => cipher.Open(e.RowKey, field, e.GetString(field));
        return new IntakePersonalData(Open(FirstName)!, Open(LastName)!, Open(Email)!, Open(Phone), Open(Organisation), Open(Situation)!, Open(Availability));
    }
}

/// <summary>Duplicate markers (row "dedup|…"): an Idempotency-Key, or the same words, already seen in this dossier.</summary>
public static class IntakeMarker
{
    public const string IntakeId = nameof(IntakeId);
    public const string Fingerprint = nameof(Fingerprint);
    public const string CreatedAt = nameof(CreatedAt);

    public static TableEntity New(DossierId dossier, string rowKey, string intakeId, string fingerprint, DateTimeOffset now) =>
        new(dossier.PartitionKey, rowKey)
        {
            [IntakeId] = intakeId,
            [Fingerprint] = fingerprint,
            [CreatedAt] = now,
        };

    /// <summary>Every marker of one intake, for its destruction.</summary>
    public static RowSelector Of(string intakeId) => new RowSelector.Prefix(DossierKeys.MarkerPrefix, IntakeId, intakeId);
}
