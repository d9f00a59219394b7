using System.Text.Json;

namespace Solidaire.Infra.Tests.Support;

internal static class AppSettings
{
    /// <summary>
    /// The app settings of the functions app, by name, as a deployment with the snapshot's parameters
    /// would write them (literals, or ARM expressions where a deployed resource's value is needed).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(Snapshot snapshot)
    {
        var config = snapshot.OfType("Microsoft.Web/sites/config")
            .Where(c => c.GetProperty("name").GetString()!.EndsWith("/appsettings", StringComparison.Ordinal))
            .ToList();
        Assert.True(config.Count == 1, $"Expected one appsettings config of the functions app, found {config.Count}.");
        var properties = config[0].GetProperty("properties");
        Assert.True(properties.ValueKind == JsonValueKind.Object, $"The app settings did not evaluate to an object: {properties.GetRawText()}");
        return properties.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
            StringComparer.Ordinal);
    }

    public static string Get(IReadOnlyDictionary<string, string> settings, string name)
    {
        Assert.True(settings.TryGetValue(name, out var value), $"The functions app has no app setting '{name}'.");
        return value;
    }
}
