using System.Text.Json;

namespace Solidaire.Infra.Tests.Support;

internal static class AppSettings
{
    /// <summary>The app settings of the functions app, by name (values are ARM expressions or literals).</summary>
    public static IReadOnlyDictionary<string, string> Of(ArmTemplate template)
    {
        var config = template.OfType("Microsoft.Web/sites/config")
            .Where(c => c.Name.Contains("'appsettings'", StringComparison.Ordinal) || c.Name.EndsWith("/appsettings", StringComparison.Ordinal))
            .ToList();
        Assert.True(config.Count == 1, $"Expected one appsettings config of the functions app, found {config.Count}.");
        return config[0].Properties.EnumerateObject().ToDictionary(
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
