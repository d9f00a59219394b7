using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Contracts;

/// <summary>Section "Contracts".</summary>
public sealed class ContractOptions
{
    public const string Section = "Contracts";

    /// <summary>How long an emailed contract link works.</summary>
    [Range(1, 90)]
    public int LinkDays { get; set; } = 14;
}

/// <summary>The kinds of email contracts send.</summary>
public static class ContractEmails
{
    public const string Link = "contract-link";
    public const string SignedToClient = "contract-signed-client";
    public const string SignedToCoach = "contract-signed-coach";
}

/// <summary>A contract's id as its link and the API carry it: "dossier.intake.engagement.contract", one point read.</summary>
public static class ContractIds
{
    public static string Format(Dossiers.DossierId dossier, string intakeId, string engagementId, string contractId) =>
        Engagements.EngagementRecordIds.Format(dossier, intakeId, engagementId, contractId);

    public static bool TryParse(string id, out Dossiers.DossierId dossier, out string intakeId, out string engagementId, out string contractId) =>
        Engagements.EngagementRecordIds.TryParse(id, out dossier, out intakeId, out engagementId, out contractId) && contractId.Length <= 32;

    /// <summary>The SHA-256 of a contract's text, as the client signs it: lowercase hex of its UTF-8 bytes.</summary>
    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
