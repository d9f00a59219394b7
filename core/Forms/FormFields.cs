using System.Globalization;
using System.Text;
using System.Text.Json;
using Solidaire.Core.Email;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Forms;

/// <summary>
/// Reading the text fields of a JSON body the same way everywhere (the intake form, staff forms):
/// strings only, NFC, trimmed, no control or invisible formatting characters, a maximum length in
/// characters (not UTF-16 units), and names that look like names.
/// </summary>
public static class FormFields
{
    /// <summary>The longest first, last or display name, in characters.</summary>
    public const int MaxName = 100;

    /// <summary>A text as compared for "the same": compatibility-normalised, case and accents folded, spaces collapsed.</summary>
    public static string Comparable(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != ' ')
                builder.Append(' ');
        }
        return builder.ToString().Trim();
    }

    /// <summary>
    /// Refuses every field not in <paramref name="known"/> (a typo or a field a client should not
    /// send is an error, not silently dropped). False when the body cannot be read further at all.
    /// </summary>
    public static bool OnlyKnownFields(JsonElement body, IReadOnlySet<string> known, FieldErrors errors)
    {
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
                return false;
            }
            if (!known.Contains(name))
                errors.Add(name, "This field is not accepted.");
        }
        return true;
    }

    /// <summary>A required email address, in its canonical spelling (<see cref="MailboxAddress"/>).</summary>
    public static string? Email(JsonElement body, string name, FieldErrors errors)
    {
        var text = Text(body, name, errors, required: true, max: MailboxAddress.MaxLength, multiline: false);
        if (text is null)
            return null;
        var email = MailboxAddress.Canonical(text, out var problem);
        if (email is null)
            errors.Add(name, problem!);
        return email;
    }

    /// <summary>
    /// A first or last name: letters of any script with their combining marks, spaces, apostrophes,
    /// hyphens and periods, at least one letter. A period ends an abbreviation ("J.-P.", "St. Clair");
    /// one joining two words ("example.com") would let the name carry an address.
    /// </summary>
    public static string? Name(JsonElement body, string name, FieldErrors errors)
    {
        var text = Text(body, name, errors, required: true, max: MaxName, multiline: false);
        if (text is null)
            return null;
        if (!IsName(text))
        {
            errors.Add(name, "Must be a name: letters, spaces, apostrophes, hyphens and periods only.");
            return null;
        }
        return text;
    }

    public static bool IsName(string text)
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

    public static string? Text(JsonElement body, string name, FieldErrors errors, bool required, int max, bool multiline, bool allowControl = false)
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
}
