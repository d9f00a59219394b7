using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Solidaire.Core.Email;

/// <summary>
/// One spelling per mailbox. An address is compatibility-normalised (NFKC: full-width "ａ＠ｂ.org"
/// is "a@b.org"), its domain converted to ASCII with the standard IDN mapping (UTS #46: "Exämple.org"
/// is "xn--exmple-cua.org", lower case), and its local part must be printable ASCII. The result is
/// what is hashed into a dossier id, compared for duplicates, and written in the To: header, so two
/// look-alike spellings can never be two clients and no raw Unicode reaches a header.
/// </summary>
public static class MailboxAddress
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The canonical spelling of <paramref name="raw"/>, or null with the reason it is not an address.</summary>
    public static string? Canonical(string raw, out string? problem)
    {
        string text;
        try
        {
            text = raw.Normalize(NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            problem = "Must be valid Unicode text.";
            return null;
        }
        problem = "Must be an email address.";
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
            return null;
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (text.Any(char.IsWhiteSpace))
            return null;
        if (!local.All(c => c is > ' ' and <= '~'))
        {
            problem = "The part before @ must use only unaccented letters, digits and . _ + - characters.";
            return null;
        }
        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        var address = local + "@" + asciiDomain;
        if (address.Length > MaxLength)
        {
            problem = $"Must be at most {MaxLength} characters.";
            return null;
        }
        if (!IsPlainAddress(address, local, asciiDomain))
            return null;
        problem = null;
        return address;
    }

    /// <summary>The form an address is looked up by: canonical when it is one, and lower case either way.</summary>
    public static string LookupForm(string email) =>
        (Canonical(email, out _) ?? SafeKc(email)).ToLowerInvariant();

    private static string SafeKc(string email)
    {
        try
        {
            return email.Normalize(NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            return email.Trim();
        }
    }

    /// <summary>A bare address (no display name, no comment, no quoted local part), one @, a dotted domain.</summary>
    private static bool IsPlainAddress(string address, string local, string domain)
    {
        if (address.Count(c => c == '@') != 1)
            return false;
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || parsed.DisplayName.Length > 0)
            return false;
        return local.Length is > 0 and <= MaxLocalPartLength
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal)
            && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
    }
}
