using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solidaire.Functions.Metadata;

public enum AuthLevel { Anonymous, Function, Admin }

public abstract record FunctionTrigger;

public sealed record HttpTrigger(AuthLevel AuthLevel, IReadOnlyList<string> Methods, string Route) : FunctionTrigger;

public sealed record TimerTrigger(string Schedule, bool RunOnStartup) : FunctionTrigger;

public sealed record OtherTrigger(string Type) : FunctionTrigger;

/// <summary>One function as the Worker SDK declared it in functions.metadata.</summary>
public sealed record FunctionDescriptor(string Name, string ScriptFile, string EntryPoint, FunctionTrigger Trigger)
{
    public string TypeName => EntryPoint[..EntryPoint.LastIndexOf('.')];
    public string MethodName => EntryPoint[(EntryPoint.LastIndexOf('.') + 1)..];
}

/// <summary>
/// The functions this app declares, read from the functions.metadata file the Worker SDK writes at
/// build: the same file the Functions host indexes in Azure.
/// </summary>
public sealed class FunctionCatalog
{
    public const string FileName = "functions.metadata";

    private readonly Dictionary<string, FunctionDescriptor> _byName;

    public FunctionCatalog(IReadOnlyList<FunctionDescriptor> functions)
    {
        Functions = functions;
        _byName = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public FunctionDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public static FunctionCatalog Load(string directory) => Parse(File.ReadAllText(Path.Combine(directory, FileName)));

    public static FunctionCatalog Parse(string json)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var node in JsonNode.Parse(json)!.AsArray())
        {
            var name = (string)node!["name"]!;
            var trigger = node["bindings"]!.AsArray()
                .Select(b => b!)
                .Where(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true)
                .Select(b => ParseTrigger(b, name))
                .Single();
            functions.Add(new FunctionDescriptor(name, (string)node["scriptFile"]!, (string)node["entryPoint"]!, trigger));
        }
        return new FunctionCatalog(functions);

        static FunctionTrigger ParseTrigger(JsonNode binding, string name)
        {
            var type = (string)binding["type"]!;
            switch (type.ToLowerInvariant())
            {
                case "httptrigger":
                    var methods = binding["methods"] is JsonArray m
                        ? m.Select(x => ((string)x!).ToUpperInvariant()).ToArray()
                        : [];
                    var level = Enum.Parse<AuthLevel>((string?)binding["authLevel"] ?? "Function", ignoreCase: true);
                    var route = (string?)binding["route"] ?? name;
                    return new HttpTrigger(level, methods, route);
                case "timertrigger":
                    return new TimerTrigger((string)binding["schedule"]!, binding["runOnStartup"] is JsonValue v && v.GetValue<bool>());
                default:
                    return new OtherTrigger(type);
            }
        }
    }
}

/// <summary>The route prefix from host.json (extensions.http.routePrefix, "api" when absent).</summary>
public static class HostJson
{
    public static string RoutePrefix(string directory)
    {
        var path = Path.Combine(directory, "host.json");
        if (!File.Exists(path))
            return "api";
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return doc.RootElement.TryGetProperty("extensions", out var ext)
            && ext.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.ValueKind == JsonValueKind.String
                ? prefix.GetString()!.Trim('/')
                : "api";
    }
}
