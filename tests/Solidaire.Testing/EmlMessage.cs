using System.Text;
using System.Text.RegularExpressions;

namespace Solidaire.Testing;

/// <summary>
/// An .eml file from the app's pickup folder, read the way a mail client would: headers (RFC 2047
/// encoded words decoded) and the text/plain and text/html parts (base64 or quoted-printable).
/// </summary>
public sealed partial record EmlMessage(string FileName, IReadOnlyDictionary<string, string> Headers, string Text, string Html)
{
    public string To => Headers.GetValueOrDefault("To", "");
    public string Subject => Headers.GetValueOrDefault("Subject", "");
    public string Language => Headers.GetValueOrDefault("Content-Language", "");
    public string MessageId => Headers.GetValueOrDefault("X-Solidaire-Message-Id", "");

    public static IReadOnlyList<EmlMessage> ReadFolder(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(Read).ToArray()
            : [];

    /// <summary>Waits (bounded) until the folder holds a message matching <paramref name="match"/>.</summary>
    public static async Task<EmlMessage> WaitForAsync(string folder, Func<EmlMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = ReadFolder(folder).FirstOrDefault(match);
            if (found is not null)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching email arrived in {folder}; it holds: " +
                    string.Join("; ", ReadFolder(folder).Select(m => $"{m.To} / {m.Subject}")));
            await Task.Delay(50);
        }
    }

    public static EmlMessage Read(string path)
    {
        var raw = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        var (headers, body) = SplitHeaders(raw);
        var text = "";
        var html = "";
        var boundary = BoundaryPattern().Match(headers.GetValueOrDefault("Content-Type", "")).Groups[1].Value;
        var parts = boundary.Length > 0
            ? body.Split("--" + boundary).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).Select(p => SplitHeaders(p.TrimStart('\n')))
            : [(headers, body)];
        foreach (var (partHeaders, partBody) in parts)
        {
            var decoded = DecodeBody(partBody, partHeaders.GetValueOrDefault("Content-Transfer-Encoding", "7bit"));
            var type = partHeaders.GetValueOrDefault("Content-Type", "text/plain");
            if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                html = decoded;
            else if (type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
                text = decoded;
        }
        return new EmlMessage(Path.GetFileName(path), headers, text, html);
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
            return Encoding.GetEncoding(m.Groups[1].Value).GetString(bytes);
        }).Replace("?= =?", "", StringComparison.Ordinal);

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
}
