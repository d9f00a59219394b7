using System.Globalization;
using System.Text;
using System.Text.Json;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Intake;

public enum ClientRole { Executive, Manager, Employee, SelfEmployed, Other }

/// <summary>
/// A request for help as the public form sends it, validated (rule 1, §2 Clients, §3.1, §4.3–4.6):
/// nothing sensitive is asked and unknown fields are refused; text is trimmed and NFC-normalised.
/// Whatever the form echoes to the address it was given must not carry a message of its own: names
/// look like names, no text field holds invisible format characters, and the address has one
/// canonical spelling (<see cref="MailboxAddress"/>).
/// </summary>
public sealed record IntakeForm(
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    ClientRole Role,
    string? Organisation,
    string Situation,
    string PreferredLanguage,
    string? Availability,
    string? Honeypot,
    TimeSpan FormDuration)
{
    public static readonly IReadOnlyDictionary<string, ClientRole> Roles = new Dictionary<string, ClientRole>(StringComparer.Ordinal)
    {
        ["executive"] = ClientRole.Executive,
        ["manager"] = ClientRole.Manager,
        ["employee"] = ClientRole.Employee,
        ["self_employed"] = ClientRole.SelfEmployed,
        ["other"] = ClientRole.Other,
    };

    private static readonly IReadOnlyDictionary<ClientRole, string> RoleNames = Roles.ToDictionary(r => r.Value, r => r.Key);

    /// <summary>The role as the form and the API spell it ("self_employed").</summary>
    public static string RoleName(ClientRole role) => RoleNames[role];

    public const int MaxPhone = 40;
    public const int MaxRole = 20;
    public const int MaxOrganisation = 200;
    public const int MinSituation = 20;
    public const int MaxSituation = 4000;
    public const int MaxAvailability = 500;
    public const int MaxHoneypot = 1000;

    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "fr", "en" };

    private static readonly HashSet<string> Fields =
    [
        "firstName", "lastName", "email", "phone", "role", "organisation", "situation", "preferredLanguage",
        "availability", "consentToProcessing", "acknowledgesNotTherapy", "website", "formDurationMs",
    ];

    /// <summary>Dirigeants and managers are served first (§2 Clients).</summary>
    public bool HasPriority => Role is ClientRole.Executive or ClientRole.Manager;

    /// <summary>
    /// What makes two requests "the same request" for an Idempotency-Key: every field the client
    /// wrote, as a JSON array, so no field's content (a line break in the situation) can pass for the
    /// boundary between two fields.
    /// </summary>
    public string CanonicalText() => JsonSerializer.Serialize(new[]
    {
        FirstName, LastName, DossierId.NormalizeEmail(Email), Phone, RoleName(Role), Organisation, Situation, PreferredLanguage, Availability,
    });

    public static Outcome<IntakeForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();

        var firstName = FormFields.Name(body, "firstName", errors);
        var lastName = FormFields.Name(body, "lastName", errors);
        var email = FormFields.Email(body, "email", errors);
        var phone = FormFields.Text(body, "phone", errors, required: false, max: MaxPhone, multiline: false);
        if (phone is not null && !IsPhone(phone))
            errors.Add("phone", "Must be a phone number (digits, spaces, + ( ) . -).");
        var roleText = FormFields.Text(body, "role", errors, required: true, max: MaxRole, multiline: false);
        ClientRole role = default;
        if (roleText is not null && !Roles.TryGetValue(roleText, out role))
            errors.Add("role", "Must be one of: " + string.Join(", ", Roles.Keys) + ".");
        var organisation = FormFields.Text(body, "organisation", errors, required: false, max: MaxOrganisation, multiline: false);
        var situation = FormFields.Text(body, "situation", errors, required: true, max: MaxSituation, multiline: true);
        if (situation is not null && situation.EnumerateRunes().Count() < MinSituation)
            errors.Add("situation", $"Must be at least {MinSituation} characters.");
        var language = FormFields.Text(body, "preferredLanguage", errors, required: true, max: 2, multiline: false);
        if (language is not null && !Languages.Contains(language))
            errors.Add("preferredLanguage", "Must be fr or en.");
        var availability = FormFields.Text(body, "availability", errors, required: false, max: MaxAvailability, multiline: true);
        MustBeTrue(body, "consentToProcessing", errors);
        MustBeTrue(body, "acknowledgesNotTherapy", errors);
        var honeypot = FormFields.Text(body, "website", errors, required: false, max: MaxHoneypot, multiline: true, allowControl: true);
        var duration = Duration(body, errors);

        if (errors.Any)
            return errors.ToFailure();
        return Outcome<IntakeForm>.Ok(new IntakeForm(
            firstName!, lastName!, email!, phone, role, organisation, situation!, language!, availability, honeypot, duration));
    }

    private static void MustBeTrue(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.True)
            errors.Add(name, value.ValueKind is JsonValueKind.False or JsonValueKind.Undefined or JsonValueKind.Null ? "Must be accepted." : "Must be true or false.");
    }

    private static TimeSpan Duration(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("formDurationMs", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("formDurationMs", "Required.");
            return default;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var ms) || ms < 0)
        {
            errors.Add("formDurationMs", "Must be a whole number of milliseconds.");
            return default;
        }
        return TimeSpan.FromMilliseconds(Math.Min(ms, (long)TimeSpan.FromDays(365).TotalMilliseconds));
    }

    private static bool IsPhone(string phone) =>
        phone.Count(char.IsAsciiDigit) >= 5 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '.' or '-');
}
