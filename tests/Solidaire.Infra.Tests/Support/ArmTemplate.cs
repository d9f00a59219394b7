using System.Text.Json;
using System.Text.RegularExpressions;

namespace Solidaire.Infra.Tests.Support;

/// <summary>A resource of the compiled template, with the module (nested deployment) that declares it.</summary>
internal sealed record ArmResource(string Module, JsonElement Json)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string Name => Json.GetProperty("name").GetString()!;

    public JsonElement Properties => Json.GetProperty("properties");

    public string? String(params string[] path) => Json.At(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
}

/// <summary>
/// The ARM JSON that <c>bicep build</c> makes of infra/main.bicep. Each Bicep module is a nested
/// deployment named after the module, its template inlined; "main" is the top level.
/// </summary>
internal sealed class ArmTemplate
{
    public const string Main = "main";

    private readonly Dictionary<string, JsonElement> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _deployments = new(StringComparer.Ordinal);
    private readonly List<ArmResource> _resources = [];

    public ArmTemplate(string json)
    {
        Text = json;
        Root = JsonDocument.Parse(json).RootElement;
        Collect(Main, Root);
    }

    public string Text { get; }

    public JsonElement Root { get; }

    /// <summary>Every resource the template creates, at every level of nesting, deployments included.</summary>
    public IReadOnlyList<ArmResource> Resources => _resources;

    public IEnumerable<string> Modules => _templates.Keys;

    public IReadOnlyList<ArmResource> OfType(string type) =>
        _resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"Expected exactly one {type}, found {found.Count}.");
        return found[0];
    }

    public JsonElement TemplateOf(string module) =>
        _templates.TryGetValue(module, out var t) ? t : throw new KeyNotFoundException($"No module '{module}' in the template.");

    /// <summary>The value main.bicep passes to a module parameter (an ARM expression or a literal).</summary>
    public JsonElement ModuleParameter(string module, string parameter)
    {
        Assert.True(_deployments.TryGetValue(module, out var deployment), $"No module '{module}' in the template.");
        var parameters = deployment.GetProperty("properties").GetProperty("parameters");
        Assert.True(parameters.TryGetProperty(parameter, out var value), $"main.bicep passes no '{parameter}' to module '{module}'.");
        return value.GetProperty("value");
    }

    public string OutputValue(string module, string output)
    {
        var outputs = TemplateOf(module).GetProperty("outputs");
        Assert.True(outputs.TryGetProperty(output, out var value), $"Module '{module}' has no output '{output}'.");
        return value.GetProperty("value").GetString()!;
    }

    /// <summary>The names of the deployments a module's deployment waits for.</summary>
    public IReadOnlyList<string> DependenciesOf(string module)
    {
        if (!_deployments[module].TryGetProperty("dependsOn", out var dependsOn))
            return [];
        return dependsOn.EnumerateArray()
            .Select(d => DeploymentReference.Match(d.GetString()!))
            .Where(m => m.Success)
            .Select(m => m.Groups["module"].Value)
            .ToList();
    }

    /// <summary>Whether an expression reads the given output of the given module's deployment.</summary>
    public static bool ReadsModuleOutput(string expression, string module, string output) =>
        Regex.IsMatch(expression,
            $@"'Microsoft\.Resources/deployments', '{Regex.Escape(module)}'\), '[0-9-]+'\)\.outputs\.{Regex.Escape(output)}\.value");

    private static readonly Regex DeploymentReference = new(@"'Microsoft\.Resources/deployments', '(?<module>[^']+)'\)\]$");

    private void Collect(string module, JsonElement template)
    {
        _templates[module] = template;
        if (!template.TryGetProperty("resources", out var resources))
            return;
        // languageVersion 2.0 templates hold resources by symbolic name; older ones in an array.
        var all = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in all)
        {
            // languageVersion 2.0 lists the resources a module only refers to ("existing"): not created.
            if (resource.At("existing").ValueKind == JsonValueKind.True)
                continue;
            var armResource = new ArmResource(module, resource);
            _resources.Add(armResource);
            if (armResource.Type == "Microsoft.Resources/deployments"
                && resource.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                _deployments[armResource.Name] = resource;
                Collect(armResource.Name, nested);
            }
        }
    }
}

internal static class JsonElementExtensions
{
    /// <summary>The element at a path of property names, or an Undefined element.</summary>
    public static JsonElement At(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return default;
        }
        return element;
    }
}
