using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Core.Forms;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Complaints;

/// <summary>
/// A complaint about a member's conduct as the public page sends it (§1, §4.8, rule 12), validated
/// with the intake's text rules: unknown fields refused, text trimmed and NFC-normalised, no
/// invisible formatting, the contact address in its canonical spelling.
/// </summary>
public sealed partial record ComplaintForm(
    string Description,
    string? MemberName,
    string? EngagementReference,
    string ContactEmail,
    string PreferredLanguage)
{
    public const int MinDescription = 20;
    public const int MaxDescription = 4000;
    public const int MaxMemberName = 200;
    public const int MaxEngagementReference = 20;

    /// <summary>A reference as our emails give it (ABCD-2345-EFGH), the hyphens optional.</summary>
    public const string ReferencePattern = "^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$";

    private static readonly HashSet<string> Fields = ["description", "memberName", "engagementReference", "contactEmail", "preferredLanguage"];

    public static Outcome<ComplaintForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();

        var description = FormFields.Text(body, "description", errors, required: true, max: MaxDescription, multiline: true);
        if (description is not null && description.EnumerateRunes().Count() < MinDescription)
            errors.Add("description", $"Must be at least {MinDescription} characters.");
        var memberName = FormFields.Text(body, "memberName", errors, required: false, max: MaxMemberName, multiline: false);
        var reference = FormFields.Text(body, "engagementReference", errors, required: false, max: MaxEngagementReference, multiline: false);
        if (reference is not null)
        {
            if (ReferenceShape().IsMatch(reference))
                reference = Intake.Reference.Display(reference.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant());
            else
                errors.Add("engagementReference", "Must be a reference as our emails give it, like ABCD-2345-EFGH.");
        }
        var email = FormFields.Email(body, "contactEmail", errors);
        var language = FormFields.Text(body, "preferredLanguage", errors, required: true, max: 2, multiline: false);
        if (language is not null && !IntakeForm.Languages.Contains(language))
            errors.Add("preferredLanguage", "Must be fr or en.");

        if (errors.Any)
            return errors.ToFailure();
        return Outcome<ComplaintForm>.Ok(new ComplaintForm(description!, memberName, reference, email!, language!));
    }

    [GeneratedRegex(ReferencePattern)]
    private static partial Regex ReferenceShape();
}
