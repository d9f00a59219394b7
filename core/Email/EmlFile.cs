using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Solidaire.Core.Email;

/// <summary>
/// An email as an .eml file (RFC 5322 + MIME): multipart/alternative with a text and an HTML part,
/// UTF-8, base64. Written by the pickup folder sender, read by the local mailbox page.
/// </summary>
public sealed partial record EmlFile(IReadOnlyDictionary<string, string> Headers, string Text, string Html)
{
    /// <summary>The files sent with the email (multipart/mixed around the text and HTML).</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    public const string MessageIdHeader = "X-Solidaire-Message-Id";

    public string To => Headers.GetValueOrDefault("To", "");
    public string Subject => Headers.GetValueOrDefault("Subject", "");
    public string Language => Headers.GetValueOrDefault("Content-Language", "");
    public string MessageId => Headers.GetValueOrDefault(MessageIdHeader, "");
    public DateTimeOffset? Date =>
        DateTimeOffset.TryParse(Headers.GetValueOrDefault("Date"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Write(OutgoingEmail email, string fromAddress, string fromName, DateTimeOffset date)
    {
        var boundary = "=_solidaire_" + email.MessageId;
        var b = new StringBuilder();
        b.Append("From: ").Append(EncodeWord(fromName)).Append(" <").Append(fromAddress).Append(">\r\n");
        b.Append("To: ").Append(email.To).Append("\r\n");
        b.Append("Subject: ").Append(EncodeWord(email.Subject)).Append("\r\n");
        b.Append("Date: ").Append(date.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        b.Append("Message-ID: <").Append(email.MessageId).Append("@solidaire.local>\r\n");
        b.Append(MessageIdHeader).Append(": ").Append(email.MessageId).Append("\r\n");
        b.Append("Content-Language: ").Append(email.Language).Append("\r\n");
        b.Append("MIME-Version: 1.0\r\n");
        var files = email.Attachments ?? [];
        var mixed = "=_solidaire_mixed_" + email.MessageId;
        if (files.Count > 0)
            b.Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n").Append("--").Append(mixed).Append("\r\n");
        b.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        AppendPart(b, boundary, "text/plain", email.Text);
        AppendPart(b, boundary, "text/html", email.Html);
        b.Append("--").Append(boundary).Append("--\r\n");
        foreach (var file in files)
        {
            b.Append("--").Append(mixed).Append("\r\n");
            b.Append("Content-Type: ").Append(file.ContentType).Append("; name=\"").Append(file.FileName).Append("\"\r\n");
            b.Append("Content-Disposition: attachment; filename=\"").Append(file.FileName).Append("\"\r\n");
            b.Append("Content-Transfer-Encoding: base64\r\n\r\n");
            AppendBase64(b, file.Content);
        }
        if (files.Count > 0)
            b.Append("--").Append(mixed).Append("--\r\n");
        return b.ToString();
    }

    private static void AppendBase64(StringBuilder b, byte[] content)
    {
        var encoded = Convert.ToBase64String(content);
        for (var i = 0; i < encoded.Length; i += 76)
            b.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append("\r\n");
    }

    private static void AppendPart(StringBuilder b, string boundary, string type, string content)
    {
        b.Append("--").Append(boundary).Append("\r\n");
        b.Append("Content-Type: ").Append(type).Append("; charset=utf-8\r\n");
        b.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        AppendBase64(b, Encoding.UTF8.GetBytes(content));
    }

    private static string EncodeWord(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";

    public static EmlFile Read(string content)
    {
        var raw = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (headers, body) = SplitHeaders(raw);
        var text = "";
        var html = "";
        var files = new List<EmailAttachment>();
        void Walk(Dictionary<string, string> partHeaders, string partBody)
        {
            var type = partHeaders.GetValueOrDefault("Content-Type", "text/plain");
            var boundary = BoundaryPattern().Match(type).Groups[1].Value;
            if (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && boundary.Length > 0)
            {
                foreach (var part in partBody.Split("--" + boundary).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)))
                {
                    var (h, b) = SplitHeaders(part.TrimStart('\n'));
                    Walk(h, b);
                }
                return;
            }
            var encoding = partHeaders.GetValueOrDefault("Content-Transfer-Encoding", "7bit");
            if (partHeaders.GetValueOrDefault("Content-Disposition", "").StartsWith("attachment", StringComparison.OrdinalIgnoreCase))
            {
                var name = FileNamePattern().Match(partHeaders["Content-Disposition"]).Groups[1].Value;
                files.Add(new EmailAttachment(name, type.Split(';')[0].Trim(), Convert.FromBase64String(string.Concat(partBody.Where(c => !char.IsWhiteSpace(c))))));
            }
            else if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                html = DecodeBody(partBody, encoding);
            else if (type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
                text = DecodeBody(partBody, encoding);
        }
        Walk(headers, body);
        return new EmlFile(headers, text, html) { Attachments = files };
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string raw)
    {
        var end = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? raw : raw[..end];
        var body = end < 0 ? "" : raw[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += line.TrimStart();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }
        foreach (var key in headers.Keys.ToArray())
            headers[key] = DecodeWords(headers[key]);
        return (headers, body);
    }

    private static string DecodeWords(string value) =>
        EncodedWordPattern().Replace(value, m =>
        {
            var bytes = m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintable(m.Groups[3].Value.Replace('_', ' '));
            return Encoding.UTF8.GetString(bytes);
        });

    private static string DecodeBody(string body, string transferEncoding) => transferEncoding.ToLowerInvariant() switch
    {
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        "quoted-printable" => Encoding.UTF8.GetString(QuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal))),
        _ => body,
    };

    private static byte[] QuotedPrintable(string value)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '=' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }
        return [.. bytes];
    }

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWordPattern();

    [GeneratedRegex("filename=\"([^\"]*)\"")]
    private static partial Regex FileNamePattern();
}
