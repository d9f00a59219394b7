using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>What a caller needs to call a route.</summary>
public enum RouteAuth { None, StaffToken, ClientLink }

/// <summary>
/// One operation of the served <c>GET /api/openapi.json</c>: its method, path template, auth and body
/// schema. The document lists exactly functions.metadata's HTTP routes (<c>OpenApiDocumentTests</c>
/// proves it), so a new route is attacked and must be in the authorisation table without anyone
/// touching these tests.
/// </summary>
public sealed partial record ServedRoute(string Method, string Template, RouteAuth Auth, JsonElement? Body)
{
    public string Key => $"{Method} {Template}";

    public IReadOnlyList<string> Parameters => RouteParameter().Matches(Template).Select(m => m.Groups[1].Value).ToArray();

    /// <summary>The template with every parameter named alike, to compare with a table written with other names.</summary>
    public static string Shape(string path) => RouteParameter().Replace(path, "{}");

    public static async Task<IReadOnlyList<ServedRoute>> ReadAsync(TestApp app)
    {
        using var document = JsonDocument.Parse(await app.Client.GetStringAsync("/api/openapi.json"));
        var routes = new List<ServedRoute>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                var scheme = operation.Value.TryGetProperty("security", out var security)
                    ? security.EnumerateArray().SelectMany(s => s.EnumerateObject()).Select(s => s.Name).FirstOrDefault()
                    : null;
                var auth = scheme switch { "staffAccessToken" => RouteAuth.StaffToken, "clientLinkToken" => RouteAuth.ClientLink, null => RouteAuth.None, _ => throw new InvalidOperationException(scheme) };
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var rb)
                    && rb.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema)
                        ? Resolve(document.RootElement, schema).Clone()
                        : null;
                routes.Add(new ServedRoute(operation.Name.ToUpperInvariant(), path.Name, auth, body));
            }
        }
        return routes;
    }

    /// <summary>A schema, or the component it refers to.</summary>
    public static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
            return schema;
        var at = root;
        foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            at = at.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return Resolve(root, at);
    }

    private static readonly HashSet<string> HttpMethods = new(StringComparer.OrdinalIgnoreCase) { "get", "post", "put", "delete", "patch" };

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
