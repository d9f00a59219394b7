using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Solidaire.Infra.Tests.Support;

/// <summary>
/// What a deployment of infra/main.bicep with given parameters would create, from the real Bicep CLI's
/// <c>bicep snapshot</c>: every expression that does not need a deployed resource is evaluated (loops,
/// conditions, union, toObject, parameters); what does (a vault's URI, an identity's ids) stays an ARM
/// expression naming the resource. No network, no Azure.
/// </summary>
internal sealed class Snapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string OperatorId = "11111111-1111-1111-1111-111111111111";

    /// <summary>The required parameters, with recognisable values.</summary>
    public static readonly IReadOnlyDictionary<string, object> Defaults = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["environmentName"] = "test",
        ["location"] = "francecentral",
        ["emailFromAddress"] = "sender@example.org",
        ["staffBootstrapCoordinators"] = "coordination@example.org",
        ["complaintReferents"] = "ethique@example.org",
        ["principalId"] = OperatorId,
        ["alertEmails"] = "ops@example.org, astreinte@example.org",
        ["budgetStartDate"] = "2026-11-01",
    };

    private static readonly ConcurrentDictionary<string, Lazy<Snapshot>> Cache = new(StringComparer.Ordinal);

    private Snapshot(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public IReadOnlyList<JsonElement> Resources => Root.GetProperty("predictedResources").EnumerateArray().ToList();

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonElement Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"Expected exactly one {type}, found {found.Count}.");
        return found[0];
    }

    public string? Output(string name) => Root.At("outputs", name) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    /// <summary>Whether a snapshot value reads a property of a deployed resource of the given type.</summary>
    public static bool ReadsResource(string value, string resourceType, string property) =>
        System.Text.RegularExpressions.Regex.IsMatch(value,
            $@"reference\('/subscriptions/{SubscriptionId}/resourceGroups/[^']+/providers/{System.Text.RegularExpressions.Regex.Escape(resourceType)}/[^']+', '[0-9a-z-]+'\)\.{System.Text.RegularExpressions.Regex.Escape(property)}\b");

    /// <summary>The snapshot with the default parameters, overridden by <paramref name="overrides"/>.</summary>
    public static Snapshot Of(IReadOnlyDictionary<string, object>? overrides = null)
    {
        var parameters = new SortedDictionary<string, object>(Defaults.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in overrides ?? new Dictionary<string, object>())
            parameters[name] = value;
        var text = string.Join('\n', parameters.Select(p => $"param {p.Key} = {Literal(p.Value)}"));
        return Cache.GetOrAdd(text, t => new Lazy<Snapshot>(() => Make(t))).Value;
    }

    private static Snapshot Make(string parameterLines)
    {
        // A .bicepparam names its template by a relative path: write it under this test's bin folder.
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "snapshots")).FullName;
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(parameterLines)))[..16];
        var file = Path.Combine(folder, name + ".bicepparam");
        var main = Path.GetRelativePath(folder, Repository.PathOf("infra/main.bicep")).Replace('\\', '/');
        File.WriteAllText(file, $"using '{main}'\n{parameterLines}\n");

        var run = Bicep.Run("snapshot", file, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", "00000000-0000-0000-0000-0000000000bb", "--location", "francecentral");
        Assert.True(run.ExitCode == 0, $"bicep snapshot failed:\n{run.Stderr}\n{run.Stdout}");
        using var document = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(file, ".snapshot.json")));
        var root = document.RootElement.Clone();
        Assert.Empty(root.GetProperty("diagnostics").EnumerateArray());
        return new Snapshot(root);
    }

    private static string Literal(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException($"No Bicep literal for {value.GetType()}."),
    };
}
