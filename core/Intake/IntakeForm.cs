using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Intake;

public enum ClientRole { Executive, Manager, Employee, SelfEmployed, Other }

/// <summary>
/// A request for help as the public form sends it, validated (rule 1, §2 Clients, §3.1, §4.3–4.6):
/// nothing sensitive is asked and unknown fields are refused; text is trimmed and NFC-normalised.
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

    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "fr", "en" };

    private static readonly HashSet<string> Fields =
    [
        "firstName", "lastName", "email", "phone", "role", "organisation", "situation", "preferredLanguage",
        "availability", "consentToProcessing", "acknowledgesNotTherapy", "website", "formDurationMs",
    ];

    /// <summary>Dirigeants and managers are served first (§2 Clients).</summary>
    public bool HasPriority => Role is ClientRole.Executive or ClientRole.Manager;

    public static Outcome<IntakeForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        foreach (var property in body.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                // A name with a lone surrogate escape is not text; looking any field up would trip on it.
                errors.Add("$", "Field names must be valid Unicode text.");
                return errors.ToFailure();
            }
            if (!Fields.Contains(name))
                errors.Add(name, "This field is not accepted.");
        }

        var firstName = Text(body, "firstName", errors, required: true, max: 100, multiline: false);
        var lastName = Text(body, "lastName", errors, required: true, max: 100, multiline: false);
        var email = Text(body, "email", errors, required: true, max: 254, multiline: false);
        if (email is not null && !IsEmail(email))
            errors.Add("email", "Must be an email address.");
        var phone = Text(body, "phone", errors, required: false, max: 40, multiline: false);
        if (phone is not null && !IsPhone(phone))
            errors.Add("phone", "Must be a phone number (digits, spaces, + ( ) . -).");
        var roleText = Text(body, "role", errors, required: true, max: 20, multiline: false);
        ClientRole role = default;
        if (roleText is not null && !Roles.TryGetValue(roleText, out role))
            errors.Add("role", "Must be one of: " + string.Join(", ", Roles.Keys) + ".");
        var organisation = Text(body, "organisation", errors, required: false, max: 200, multiline: false);
        var situation = Text(body, "situation", errors, required: true, max: 4000, multiline: true);
        if (situation is not null && situation.EnumerateRunes().Count() < 20)
            errors.Add("situation", "Must be at least 20 characters.");
        var language = Text(body, "preferredLanguage", errors, required: true, max: 2, multiline: false);
        if (language is not null && !Languages.Contains(language))
            errors.Add("preferredLanguage", "Must be fr or en.");
        var availability = Text(body, "availability", errors, required: false, max: 500, multiline: true);
        MustBeTrue(body, "consentToProcessing", errors);
        MustBeTrue(body, "acknowledgesNotTherapy", errors);
        var honeypot = Text(body, "website", errors, required: false, max: 1000, multiline: true, allowControl: true);
        var duration = Duration(body, errors);

        if (errors.Any)
            return errors.ToFailure();
        return Outcome<IntakeForm>.Ok(new IntakeForm(
            firstName!, lastName!, email!, phone, role, organisation, situation!, language!, availability, honeypot, duration));
    }

    /// <summary>The address as used for look-ups: trimmed, NFC, lowercase (invariant).</summary>

    private static string? Text(JsonElement body, string name, FieldErrors errors, bool required, int max, bool multiline, bool allowControl = false)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                errors.Add(name, "Required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, "Must be a string.");
            return null;
        }
        string raw;
        try
        {
            raw = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(name, "Must be valid Unicode text.");
            return null;
        }
        if (!TryNormalize(raw, out var text))
        {
            errors.Add(name, "Must be valid Unicode text.");
            return null;
        }
        text = text.Trim();
        if (!allowControl && text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(name, "Must not contain control characters.");
            return null;
        }
        if (text.Length == 0)
        {
            if (required)
                errors.Add(name, "Required.");
            return null;
        }
        if (text.EnumerateRunes().Count() > max)
        {
            errors.Add(name, $"Must be at most {max} characters.");
            return null;
        }
        return text;
    }

    private static bool TryNormalize(string raw, out string normalized)
    {
        try
        {
            normalized = raw.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: not text.
            normalized = "";
            return false;
        }
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

    private static bool IsEmail(string email)
    {
        if (email.Any(char.IsWhiteSpace) || email.Count(c => c == '@') != 1)
            return false;
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0)
            return false;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = email[..at];
        var domain = email[(at + 1)..];
        return local.Length is > 0 and <= 64
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal)
            && domain.All(c => char.IsLetterOrDigit(c) || c is '.' or '-');
    }

    private static bool IsPhone(string phone) =>
        phone.Count(char.IsAsciiDigit) >= 5 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '.' or '-');
}
