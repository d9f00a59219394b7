using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Solidaire.Core.Configuration;

namespace Solidaire.Core.Staff;

/// <summary>Section "Staff": who coordinates, until a staff registry exists.</summary>
public sealed class StaffOptions : IValidatableObject
{
    public const string Section = "Staff";

    /// <summary>Coordinators' addresses, comma-separated (Staff__BootstrapCoordinators).</summary>
    public string BootstrapCoordinators { get; set; } = "";

    /// <summary>The language of emails to staff (fr or en).</summary>
    [Required, RegularExpression("^(fr|en)$")]
    public string Language { get; set; } = "fr";

    public IReadOnlyList<string> Coordinators => SettingList.Split(BootstrapCoordinators);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Coordinators.Count == 0)
            yield return new ValidationResult("Staff:BootstrapCoordinators is empty: no one would hear of new intakes.");
        foreach (var address in Coordinators)
        {
            if (!MailAddress.TryCreate(address, out _))
                yield return new ValidationResult($"Staff:BootstrapCoordinators holds an invalid address.");
        }
    }
}
