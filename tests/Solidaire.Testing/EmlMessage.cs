using Solidaire.Core.Email;

namespace Solidaire.Testing;

/// <summary>An .eml file from the app's pickup folder, read as the app's own mailbox page reads it.</summary>
public sealed record EmlMessage(string FileName, IReadOnlyDictionary<string, string> Headers, string Text, string Html)
{
    /// <summary>The files sent with the email.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    public string To => Headers.GetValueOrDefault("To", "");
    public string Subject => Headers.GetValueOrDefault("Subject", "");
    public string Language => Headers.GetValueOrDefault("Content-Language", "");
    public string MessageId => Headers.GetValueOrDefault(EmlFile.MessageIdHeader, "");

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
        var file = EmlFile.Read(File.ReadAllText(path));
        return new EmlMessage(Path.GetFileName(path), file.Headers, file.Text, file.Html) { Attachments = file.Attachments };
    }
}
