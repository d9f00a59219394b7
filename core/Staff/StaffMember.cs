using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Staff;

/// <summary>The roles a staff member can hold; one person can hold several.</summary>
public static class StaffRoles
{
    public const string Coordinator = "coordinator";
    public const string Coach = "coach";

    /// <summary>An ethics referent: reads and closes complaints about members' conduct (§1, §4.8, rule 12).</summary>
    public const string Referent = "referent";

    public static readonly IReadOnlyList<string> All = [Coordinator, Coach, Referent];
}

/// <summary>Whether a coach is certified or in training: stated truthfully and shown to clients (§3.9).</summary>
public static class Certifications
{
    public const string Certified = "certified";
    public const string InTraining = "in_training";

    public static readonly IReadOnlyList<string> All = [Certified, InTraining];
}

/// <summary>What a coach declares about their practice (§3.9, §3.14, §4.12, §5.4).</summary>
public sealed record CoachProfile(
    IReadOnlyList<string> Languages,
    string Certification,
    string? CertifyingBody,
    string Supervisor,
    string? Insurance);

/// <summary>A staff member's record, opened. Personal fields (email, name, profile texts) are sealed at rest.</summary>
public sealed record StaffMember(
    string MemberId,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool Active,
    int TokenVersion,
    CoachProfile? Profile,
    string? CharterSha256,
    DateTimeOffset? CharterSignedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeactivatedAt,
    ETag ETag)
{
    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public RetentionUnit Unit => StaffRows.UnitOf(MemberId);
}

/// <summary>The registry's rows in the staff partition: a member row and the member's data key.</summary>
public static class StaffRows
{
    public const string MemberPrefix = "member|";

    public const string Email = nameof(Email);
    public const string DisplayName = nameof(DisplayName);
    public const string Roles = nameof(Roles);
    public const string Active = nameof(Active);
    public const string TokenVersion = nameof(TokenVersion);
    public const string Languages = nameof(Languages);
    public const string Certification = nameof(Certification);
    public const string CertifyingBody = nameof(CertifyingBody);
    public const string Supervisor = nameof(Supervisor);
    public const string Insurance = nameof(Insurance);
    public const string CharterSha256 = nameof(CharterSha256);
    public const string CharterSignedAt = nameof(CharterSignedAt);
    public const string CreatedAt = nameof(CreatedAt);
    public const string DeactivatedAt = nameof(DeactivatedAt);

    public static string MemberKey(string memberId) => MemberPrefix + memberId;

    public static RetentionUnit UnitOf(string memberId) => new(DossierId.StaffRegistry, memberId);

    public static TableEntity ToEntity(UnitCipher cipher, StaffMember m)
    {
        var key = MemberKey(m.MemberId);
        return new TableEntity(DossierId.StaffRegistry.PartitionKey, key)
        {
            [Email] = cipher.Seal(key, Email, m.Email),
            [DisplayName] = cipher.Seal(key, DisplayName, m.DisplayName),
            [Roles] = string.Join(',', m.Roles),
            [Active] = m.Active,
            [TokenVersion] = m.TokenVersion,
            [Languages] = m.Profile is null ? null : string.Join(',', m.Profile.Languages),
            [Certification] = m.Profile?.Certification,
            [CertifyingBody] = cipher.Seal(key, CertifyingBody, m.Profile?.CertifyingBody),
            [Supervisor] = cipher.Seal(key, Supervisor, m.Profile?.Supervisor),
            [Insurance] = cipher.Seal(key, Insurance, m.Profile?.Insurance),
            [CharterSha256] = m.CharterSha256,
            [CharterSignedAt] = m.CharterSignedAt,
            [CreatedAt] = m.CreatedAt,
            [DeactivatedAt] = m.DeactivatedAt,
        };
    }

    public static StaffMember Open(UnitCipher cipher, TableEntity row)
    {
        var key = row.RowKey;
        var languages = row.GetString(Languages);
        var certification = row.GetString(Certification);
        var supervisor = cipher.Open(key, Supervisor, row.GetString(Supervisor));
        return new StaffMember(
            key[MemberPrefix.Length..],
            cipher.Open(key, Email, row.GetString(Email))!,
            cipher.Open(key, DisplayName, row.GetString(DisplayName))!,
            (row.GetString(Roles) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.GetBoolean(Active) ?? false,
            row.GetInt32(TokenVersion) ?? 0,
            languages is null || certification is null || supervisor is null
                ? null
                : new CoachProfile(languages.Split(',', StringSplitOptions.RemoveEmptyEntries), certification,
                    cipher.Open(key, CertifyingBody, row.GetString(CertifyingBody)), supervisor, cipher.Open(key, Insurance, row.GetString(Insurance))),
            row.GetString(CharterSha256),
            row.GetDateTimeOffset(CharterSignedAt),
            row.GetDateTimeOffset(CreatedAt) ?? default,
            row.GetDateTimeOffset(DeactivatedAt),
            row.ETag);
    }
}
