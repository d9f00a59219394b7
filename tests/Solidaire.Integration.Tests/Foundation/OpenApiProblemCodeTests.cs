using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;
using Solidaire.Functions.OpenApi;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>Every problem code the OpenAPI document promises is one the code defines, and one its route's own code path can reach.</summary>
public sealed partial class OpenApiProblemCodeTests
{
    private static readonly FunctionCatalog Declared = FunctionCatalog.Load(RepoPaths.FunctionsOutput);
    private static readonly OpenApiDocument Document = ApiDocument.Build(Declared, HostJson.RoutePrefix(RepoPaths.FunctionsOutput));

    /// <summary>What every HTTP answer goes through whoever hosts it: the gate, the middleware, the unexpected-error mapping.</summary>
    private static readonly MethodBase[] Edge =
    [
        typeof(HttpFunctionMiddleware).GetMethod(nameof(HttpFunctionMiddleware.Invoke))!,
        typeof(HttpFunctionGate).GetMethod(nameof(HttpFunctionGate.Admit))!,
        typeof(UnexpectedErrors).GetMethod(nameof(UnexpectedErrors.ToProblem))!,
    ];

    [Fact]
    public void EveryDocumentedProblemCode_IsDefinedInTheSource_WithTheStatusItIsDocumentedUnder()
    {
        var defined = DefinedInSource();

        var wrong = Documented()
            .Where(d => !defined.TryGetValue(d.Code, out var statuses) || (statuses.Count > 0 && !statuses.Contains(d.Status)))
            .Select(d => $"{d.Operation} {d.Status} {d.Code}")
            .Distinct()
            .ToArray();

        Assert.NotEmpty(Documented());
        Assert.Empty(wrong);
    }

    [Fact]
    public void EachRoutesDocumentedProblemCodes_AreReachableFromItsFunctionsCode()
    {
        var unreachable = new List<string>();
        foreach (var route in Documented().GroupBy(d => d.Operation))
        {
            var reach = ReachOf(route.Key);
            unreachable.AddRange(route.Where(d => !reach.Contains(d.Code)).Select(d => $"{route.Key} {d.Code}"));
        }

        Assert.Empty(unreachable);
    }

    [Fact]
    public async Task TheProblemSchema_NamesEveryMemberAProblemCanCarry()
    {
        // Every optional member set, so the body written is the fullest one a client can receive.
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var fullest = new ProblemResult(503, "storage_unavailable", "Title")
        {
            Detail = "detail",
            Errors = Enumerable.Range(0, ProblemResult.MaxListedErrors + 1).ToDictionary(i => $"field{i}", _ => new[] { "message" }),
            CorrelationId = "0123456789abcdef",
            RetryAfter = TimeSpan.FromSeconds(30),
            Missing = ["a"],
            Alternatives = ["b"],
        };
        await fullest.WriteAsync(http);
        http.Response.Body.Position = 0;
        using var body = await System.Text.Json.JsonDocument.ParseAsync(http.Response.Body);

        var written = body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var documented = Document.Components!.Schemas!["Problem"].Properties!.Keys.Order(StringComparer.Ordinal).ToArray();

        Assert.Contains("retryAfter", written);
        Assert.Equal(written, documented);
    }

    [Fact]
    public void TheReachOfARoute_IsItsOwnCodePath_NotEveryCode()
    {
        var health = ReachOf("Health");

        Assert.Contains("storage_unavailable", health);
        Assert.DoesNotContain("session_limit_reached", health);
        Assert.DoesNotContain("invalid_token", health);
        Assert.Contains("session_limit_reached", ReachOf("StaffRecordSession"));
    }

    private static SortedSet<string> ReachOf(string function)
    {
        var descriptor = Declared.Find(function) ?? throw new InvalidOperationException("No function " + function);
        var type = typeof(ApiDocument).Assembly.GetType(descriptor.TypeName, throwOnError: true)!;
        var reach = new ProblemCodeReach(DefinedInSource().Keys.ToHashSet(StringComparer.Ordinal));
        reach.Visit(type.GetMethod(descriptor.MethodName)!);
        foreach (var edge in Edge)
            reach.Visit(edge);
        return reach.Found;
    }

    private static IEnumerable<(string Operation, int Status, string Code)> Documented() =>
        from path in Document.Paths
        from operation in path.Value.Operations!
        from response in operation.Value.Responses!
        where response.Value.Content?.ContainsKey(ProblemResult.ContentType) == true
        from code in response.Value.Content![ProblemResult.ContentType].Schema!.Properties!["code"].Enum!
        select (operation.Value.OperationId!, int.Parse(response.Key, System.Globalization.CultureInfo.InvariantCulture), code.GetValue<string>());

    /// <summary>
    /// The codes written in the source of core and functions where a failure or a problem is made, with
    /// their status where the source says it; read as text, so the document's own catalog is not its judge.
    /// </summary>
    private static Dictionary<string, HashSet<int>> DefinedInSource()
    {
        var defined = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var files = new[] { "core", "functions" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}OpenApi{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var text in files.Select(File.ReadAllText))
        {
            foreach (Match m in FailureMade().Matches(text))
                Add(m.Groups["code"].Value, Problems.StatusFor(Enum.Parse<FailureKind>(m.Groups["kind"].Value)));
            foreach (Match m in ProblemMade().Matches(text))
                Add(m.Groups["code"].Value, m.Groups["status"].Success ? int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        }
        return defined;

        void Add(string code, int? status)
        {
            if (!defined.TryGetValue(code, out var statuses))
                defined[code] = statuses = [];
            if (status is { } s)
                statuses.Add(s);
        }
    }

    [GeneratedRegex(@"FailureKind\.(?<kind>[A-Za-z]+),\s*""(?<code>[a-z_]+)""")]
    private static partial Regex FailureMade();

    /// <summary>A <see cref="ProblemResult"/>: new(StatusCodes.Status404NotFound, "not_found", …), or new(status, "…") under a case naming its status.</summary>
    [GeneratedRegex(@"(StatusCodes\.Status(?<status>\d+)[A-Za-z]*\s*=>\s*)?new\((StatusCodes\.Status(?<status>\d+)[A-Za-z]*|status),\s*""(?<code>[a-z_]+)""")]
    private static partial Regex ProblemMade();
}
