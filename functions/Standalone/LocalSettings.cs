using System.Text.Json;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// Reads the "Values" of local.settings.json, the file `func start` reads, so that both ways of running
/// locally take the same settings. "A__B" names become "A:B", as environment variables do.
/// </summary>
internal static class LocalSettings
{
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
            return values;
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (doc.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in section.EnumerateObject())
                values[p.Name.Replace("__", ":", StringComparison.Ordinal)] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
        }
        return values;
    }
}
