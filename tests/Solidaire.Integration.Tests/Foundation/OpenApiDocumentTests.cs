using System.Net;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Solidaire.Functions.Metadata;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>GET /api/openapi.json, as served: what it lists is what functions.metadata declares, and the library's own reader finds nothing wrong in it.</summary>
public sealed partial class OpenApiDocumentTests : AppTest
{
    private static readonly FunctionCatalog Declared = FunctionCatalog.Load(RepoPaths.FunctionsOutput);

    [Fact]
    public async Task OpenApiJson_ListsEveryHttpRouteAndMethodOfFunctionsMetadata_AndNothingElse()
    {
        var document = await ReadServedAsync();

        var documented = document.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method.ToUpperInvariant()} {p.Key}"))
            .Order(StringComparer.Ordinal);
        var prefix = HostJson.RoutePrefix(RepoPaths.FunctionsOutput);
        var declared = Declared.Functions
            .Select(f => f.Trigger)
            .OfType<HttpTrigger>()
            .SelectMany(t => t.Methods.Select(m => $"{m} /{prefix}/{RouteParameter().Replace(t.Route, "{${name}}")}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, documented);
    }

    [Fact]
    public async Task OpenApiJson_IsJsonWithTheEdgeHeaders_ToAnAnonymousCaller()
    {
        using var answer = await App.Client.GetAsync("/api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", answer.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", answer.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiJson_ReadBackByTheLibrary_HasNoErrorAndNoWarning_UnderItsValidationRules()
    {
        var json = await App.Client.GetStringAsync("/api/openapi.json");

        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetDefaultRuleSet() });

        Assert.NotNull(read.Document);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic?.SpecificationVersion);
        Assert.Empty(read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(read.Diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
        var validator = new OpenApiValidator(ValidationRuleSet.GetDefaultRuleSet());
        new OpenApiWalker(validator).Walk(read.Document);
        Assert.Empty(validator.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(validator.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
    }

    [Fact]
    public async Task OpenApiJson_DescribesBodiesWithTheirLimits_AndAuthAsTheCodeChecksIt()
    {
        var document = await ReadServedAsync();

        var intake = document.Paths["/api/intakes"].Operations![HttpMethod.Post];
        var body = intake.RequestBody!.Content!["application/json"].Schema!;
        Assert.Equal(Core.Intake.IntakeForm.MaxSituation, body.Properties!["situation"].MaxLength);
        Assert.Equal(Core.Intake.IntakeForm.MinSituation, body.Properties["situation"].MinLength);
        Assert.Contains("situation", body.Required!);
        Assert.DoesNotContain("phone", body.Required!);
        Assert.False(body.AdditionalPropertiesAllowed);
        Assert.Null(intake.Security);
        Assert.Contains("429", intake.Responses!.Keys);

        var staff = document.Paths["/api/staff/engagements/{id}/sessions"].Operations![HttpMethod.Post];
        Assert.Equal("staffAccessToken", Assert.Single(Assert.Single(staff.Security!).Keys).Reference.Id);
        Assert.DoesNotContain("429", staff.Responses!.Keys);
        var client = document.Paths["/api/client/contract"].Operations![HttpMethod.Get];
        Assert.Equal("clientLinkToken", Assert.Single(Assert.Single(client.Security!).Keys).Reference.Id);
    }

    private async Task<OpenApiDocument> ReadServedAsync()
    {
        var read = OpenApiDocument.Parse(await App.Client.GetStringAsync("/api/openapi.json"), OpenApiConstants.Json);
        return read.Document ?? throw new InvalidOperationException("The served document could not be read.");
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}
