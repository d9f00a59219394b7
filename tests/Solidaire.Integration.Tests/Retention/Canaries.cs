using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Retention;

/// <summary>
/// Strings only one subject wrote (its names, address, phone, words), and where to look for them once it
/// is destroyed: every row of every table in Azurite, every email written to the pickup folder since a
/// given moment, and every line the app logged.
/// </summary>
public sealed class Canaries(params string[] strings)
{
    public IReadOnlyList<string> Strings { get; } = strings;

    /// <summary>The pickup folder's files as they are now: what is written later is "newer".</summary>
    public static HashSet<string> MailFiles(TestApp app) =>
        Directory.Exists(app.MailFolder) ? [.. Directory.EnumerateFiles(app.MailFolder)] : [];

    /// <summary>Finds none of the strings in any table, in any email written after <paramref name="mailBefore"/>, or in <paramref name="logs"/>.</summary>
    public async Task AssertNowhereAsync(TestApp app, HashSet<string> mailBefore, LogCapture logs)
    {
        var rows = await StorageContents.AllAsync(app);
        foreach (var row in rows)
        {
            foreach (var (name, value) in row)
            {
                var text = value?.ToString() ?? "";
                foreach (var canary in Strings)
                    Assert.False(text.Contains(canary, StringComparison.OrdinalIgnoreCase), $"'{canary}' is still in {row.PartitionKey}/{row.RowKey}.{name}");
            }
        }
        foreach (var file in MailFiles(app).Except(mailBefore))
        {
            var text = await File.ReadAllTextAsync(file);
            var decoded = EmlMessage.Read(file);
            foreach (var canary in Strings)
            {
                Assert.False(text.Contains(canary, StringComparison.OrdinalIgnoreCase) || decoded.Text.Contains(canary, StringComparison.OrdinalIgnoreCase)
                             || decoded.Html.Contains(canary, StringComparison.OrdinalIgnoreCase) || decoded.To.Contains(canary, StringComparison.OrdinalIgnoreCase),
                    $"'{canary}' is in an email written after the destruction ({Path.GetFileName(file)}).");
            }
        }
        Assert.NotEmpty(logs.Lines);
        foreach (var canary in Strings)
            Assert.DoesNotContain(logs.Lines, l => l.Contains(canary, StringComparison.OrdinalIgnoreCase));
    }
}
