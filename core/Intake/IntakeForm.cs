using System.Globalization;
using System.Text;
using System.Text.Json;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
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

        var firstName = Name(body, "firstName", errors);
        var lastName = Name(body, "lastName", errors);
        var email = Text(body, "email", errors, required: true, max: MailboxAddress.MaxLength, multiline: false);
        if (email is not null)
        {
            email = MailboxAddress.Canonical(email, out var problem);
            if (email is null)
                errors.Add("email", problem!);
        }
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

    /// <summary>
    /// A first or last name: letters of any script with their combining marks, spaces, apostrophes,
    /// hyphens and periods, at least one letter. A period ends an abbreviation ("J.-P.", "St. Clair");
    /// one joining two words ("example.com") would let the name carry an address.
    /// </summary>
    private static string? Name(JsonElement body, string name, FieldErrors errors)
    {
        var text = Text(body, name, errors, required: true, max: 100, multiline: false);
        if (text is null)
            return null;
        if (!IsName(text))
        {
            errors.Add(name, "Must be a name: letters, spaces, apostrophes, hyphens and periods only.");
            return null;
        }
        return text;
    }

    internal static bool IsName(string text)
    {
        var letters = 0;
        var previous = default(Rune);
        var runes = text.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter:
                    letters++;
                    break;
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    if (i == 0)
                        return false;
                    break;
                default:
                    if (rune.Value is not (' ' or '\'' or '\u2019' or '-' or '\u2010' or '.'))
                        return false;
                    if (rune.Value == '.' && Rune.IsLetter(previous) && FollowedByWord(runes, i + 1))
                        return false;
                    break;
            }
            previous = rune;
        }
        return letters > 0;
    }

    /// <summary>Two letters or more right after a period: "example.com", not the initial in "A.J.".</summary>
    private static bool FollowedByWord(Rune[] runes, int start) =>
        start + 1 < runes.Length && Rune.IsLetter(runes[start]) && Rune.IsLetter(runes[start + 1]);

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
        if (!allowControl && HasInvisibleFormatting(text, multiline))
        {
            errors.Add(name, "Must not contain invisible formatting characters.");
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

    /// <summary>
    /// Format characters (Unicode Cf: bidi overrides, zero-width spaces, soft hyphens…) and the line
    /// and paragraph separators: they hide or reorder what a reader sees. In free text a zero-width
    /// joiner inside an emoji sequence ("🤦‍♀️") is kept: keyboards write it and it hides nothing.
    /// </summary>
    private static bool HasInvisibleFormatting(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var category = char.GetUnicodeCategory(text, i);
            if (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return true;
            if (category != UnicodeCategory.Format)
                continue;
            if (multiline && text[i] == '\u200D' && IsEmojiAround(text, i))
                continue;
            return true;
        }
        return false;
    }

    private static bool IsEmojiAround(string text, int joiner)
    {
        if (joiner == 0 || joiner == text.Length - 1)
            return false;
        var before = char.IsLowSurrogate(text[joiner - 1]) && joiner >= 2 ? char.ConvertToUtf32(text[joiner - 2], text[joiner - 1]) : text[joiner - 1];
        var after = char.IsHighSurrogate(text[joiner + 1]) && joiner + 2 < text.Length ? char.ConvertToUtf32(text[joiner + 1], text[joiner + 2]) : text[joiner + 1];
        return IsEmojiPart(before) && IsEmojiPart(after);
    }

    /// <summary>Pictographs, symbols, skin-tone modifiers and the emoji variation selector.</summary>
    private static bool IsEmojiPart(int codePoint) =>
        codePoint is 0xFE0F or (>= 0x2600 and <= 0x27BF) or (>= 0x1F000 and <= 0x1FAFF);

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

    private static bool IsPhone(string phone) =>
        phone.Count(char.IsAsciiDigit) >= 5 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '.' or '-');
}
