using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Solidaire.Core.Configuration;

namespace Solidaire.Core.Staff;

/// <summary>Section "Staff": the first coordinators, the staff's email language, sign-in lifetimes.</summary>
public sealed class StaffOptions : IValidatableObject
{
    public const string Section = "Staff";

    /// <summary>The first coordinators' addresses, comma-separated (Staff__BootstrapCoordinators): enrolled in the registry at start.</summary>
    public string BootstrapCoordinators { get; set; } = "";

    /// <summary>The language of emails to staff (fr or en).</summary>
    [Required, RegularExpression("^(fr|en)$")]
    public string Language { get; set; } = "fr";

    /// <summary>How long an emailed sign-in link works.</summary>
    [Range(1, 24 * 60)]
    public int SignInLinkMinutes { get; set; } = 15;

    /// <summary>How long an access token works (a working day).</summary>
    [Range(1, 24 * 7)]
    public int AccessTokenHours { get; set; } = 8;

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
