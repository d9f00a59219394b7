using System.ComponentModel.DataAnnotations;
using Solidaire.Core.Configuration;
using Solidaire.Core.Email;

namespace Solidaire.Core.Complaints;

/// <summary>Section "Complaints": where complaints about a member's conduct are sent (§1, §4.8, rule 12).</summary>
public sealed class ComplaintOptions : IValidatableObject
{
    public const string Section = "Complaints";

    /// <summary>The ethics referents' addresses, comma-separated (Complaints__Referents): every complaint's notice goes there.</summary>
    public string Referents { get; set; } = "";

    public IReadOnlyList<string> ReferentEmails => SettingList.Split(Referents);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReferentEmails.Count == 0)
            yield return new ValidationResult("Complaints:Referents is empty: no one would hear of complaints.");
        if (ReferentEmails.Any(address => MailboxAddress.Canonical(address, out _) is null))
            yield return new ValidationResult("Complaints:Referents holds an invalid address.");
    }
}
