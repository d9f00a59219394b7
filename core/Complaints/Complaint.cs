using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Complaints;

/// <summary>Where a complaint stands: open until a referent closes it with a resolution.</summary>
public static class ComplaintStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>What the complainant wrote, and the referents' resolution: sealed at rest with the complaint's own data key.</summary>
public sealed record ComplaintPersonalData(
    string Description,
    string? MemberName,
    string? EngagementReference,
    string ContactEmail,
    string? Resolution);

/// <summary>
/// A complaint, opened. <see cref="ConcernedMemberIds"/> are the staff members the named member
/// matched when it arrived: they are never told of it and never see it (rule 12). <see cref="ClosedAt"/>
/// starts the retention clock (destroyed 3 years after closure, issue 11).
/// </summary>
public sealed record Complaint(
    string ComplaintId,
    string Status,
    string PreferredLanguage,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    IReadOnlyList<string> ConcernedMemberIds,
    ComplaintPersonalData Data,
    ETag ETag)
{
    public string Reference => Intake.Reference.Display(ComplaintId);

    public RetentionUnit Unit => ComplaintRow.UnitOf(ComplaintId);

    public bool Concerns(string memberId) => ConcernedMemberIds.Contains(memberId, StringComparer.Ordinal);
}

/// <summary>A complaint's row in the complaints partition: its columns, in one place.</summary>
public static class ComplaintRow
{
    public const string Status = nameof(Status);
    public const string PreferredLanguage = nameof(PreferredLanguage);
    public const string ReceivedAt = nameof(ReceivedAt);
    public const string ClosedAt = nameof(ClosedAt);
    public const string ClosedBy = nameof(ClosedBy);
    public const string ConcernedMembers = nameof(ConcernedMembers);
    public const string Description = nameof(Description);
    public const string MemberName = nameof(MemberName);
    public const string EngagementReference = nameof(EngagementReference);
    public const string ContactEmail = nameof(ContactEmail);
    public const string Resolution = nameof(Resolution);

    public static RetentionUnit UnitOf(string complaintId) => new(DossierId.Complaints, complaintId);

    public static TableEntity ToEntity(UnitCipher cipher, Complaint c)
    {
        var key = DossierKeys.Complaint(c.ComplaintId);
        return new TableEntity(DossierId.Complaints.PartitionKey, key)
        {
            [Status] = c.Status,
            [PreferredLanguage] = c.PreferredLanguage,
            [ReceivedAt] = c.ReceivedAt,
            [ClosedAt] = c.ClosedAt,
            [ClosedBy] = c.ClosedBy,
            // Who a complaint is about is itself personal data: sealed like the rest.
            [ConcernedMembers] = cipher.Seal(key, ConcernedMembers, string.Join(',', c.ConcernedMemberIds)),
            [Description] = cipher.Seal(key, Description, c.Data.Description),
            [MemberName] = cipher.Seal(key, MemberName, c.Data.MemberName),
            [EngagementReference] = cipher.Seal(key, EngagementReference, c.Data.EngagementReference),
            [ContactEmail] = cipher.Seal(key, ContactEmail, c.Data.ContactEmail),
            [Resolution] = cipher.Seal(key, Resolution, c.Data.Resolution),
        };
    }

    public static Complaint Open(UnitCipher cipher, TableEntity row)
    {
        var key = row.RowKey;
        return new Complaint(
            key[DossierKeys.ComplaintPrefix.Length..],
            row.GetString(Status) ?? ComplaintStatus.Open,
            row.GetString(PreferredLanguage) ?? "fr",
            row.GetDateTimeOffset(ReceivedAt) ?? default,
            row.GetDateTimeOffset(ClosedAt),
            row.GetString(ClosedBy),
            (cipher.Open(key, ConcernedMembers, row.GetString(ConcernedMembers)) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            new ComplaintPersonalData(
                cipher.Open(key, Description, row.GetString(Description))!,
                cipher.Open(key, MemberName, row.GetString(MemberName)),
                cipher.Open(key, EngagementReference, row.GetString(EngagementReference)),
                cipher.Open(key, ContactEmail, row.GetString(ContactEmail))!,
                cipher.Open(key, Resolution, row.GetString(Resolution))),
            row.ETag);
    }
}
