using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Metadata;
using Solidaire.Functions.OpenApi;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>The request bodies the OpenAPI document describes are the ones the parsers in core read: the same fields, the same required ones.</summary>
public sealed class OpenApiBodyTests
{
    private static readonly OpenApiDocument Document = ApiDocument.Build(FunctionCatalog.Load(RepoPaths.FunctionsOutput), HostJson.RoutePrefix(RepoPaths.FunctionsOutput));

    /// <summary>Each function that reads a body, with the parser it reads it with (the functions' own code names them).</summary>
    private static readonly Dictionary<string, Func<JsonElement, Failure?>> Parsers = new(StringComparer.Ordinal)
    {
        ["SubmitIntake"] = b => Core.Intake.IntakeForm.Parse(b).Failure,
        ["SubmitComplaint"] = b => Core.Complaints.ComplaintForm.Parse(b).Failure,
        ["RequestErasure"] = b => Core.Erasure.ErasureRequestForm.Parse(b).Failure,
        ["ClientContractSignature"] = b => Core.Contracts.Signature.Parse(b).Failure,
        ["ClientFeedback"] = b => Core.Feedback.FeedbackForm.Parse(b).Failure,
        ["StaffSignIn"] = b => Core.Staff.StaffForms.SignIn(b).Failure,
        ["StaffAccessToken"] = b => Core.Staff.StaffForms.AccessToken(b).Failure,
        ["StaffCharterSignature"] = b => Core.Staff.StaffForms.CharterSignature(b).Failure,
        ["StaffProfile"] = b => Core.Staff.StaffForms.Profile(b).Failure,
        ["StaffInviteCoach"] = b => Core.Staff.StaffForms.Invitation(b).Failure,
        ["StaffGrantReferent"] = b => Core.Staff.StaffForms.Invitation(b).Failure,
        ["StaffAssignment"] = b => Core.Staff.StaffForms.Assignment(b).Failure,
        ["StaffDecline"] = b => Core.Staff.StaffForms.Decline(b).Failure,
        ["StaffConfirmation"] = b => Core.Staff.StaffForms.Confirmation(b).Failure,
        ["StaffRefusal"] = b => Core.Staff.StaffForms.Refusal(b).Failure,
        ["StaffComplaintClosure"] = b => Core.Staff.StaffForms.ComplaintClosure(b).Failure,
        ["StaffIssueContract"] = b => Core.Contracts.ContractIssueForm.Parse(b).Failure,
        ["StaffRecordSession"] = b => Core.Sessions.SessionForm.Parse(b).Failure,
        ["StaffAmendSession"] = b => Core.Sessions.SessionForm.Parse(b).Failure,
        ["StaffCloseEngagement"] = b => Core.Engagements.ClosureForm.Parse(b).Failure,
    };

    public static TheoryData<string> DocumentedBodies() => [.. Bodies().Select(b => b.Operation)];

    [Fact]
    public void EveryFunctionWithABodyParser_HasItsBodyDocumented_AndNoOtherHasOne()
    {
        Assert.Equal(Parsers.Keys.Order(StringComparer.Ordinal), Bodies().Select(b => b.Operation).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DocumentedBodies))]
    public void ADocumentedBody_NamesOnlyFieldsItsParserAccepts_AndRefusesAnyOther(string operation)
    {
        var schema = Bodies().Single(b => b.Operation == operation).Schema;
        var every = new JsonObject(schema.Properties!.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)null)));
        var unknown = new JsonObject { ["notAField"] = 1 };

        Assert.Empty(ErrorsOf(Parsers[operation], every).Where(e => e.Value.Contains("This field is not accepted.")).Select(e => e.Key));
        Assert.Contains("This field is not accepted.", ErrorsOf(Parsers[operation], unknown)["notAField"]);
        Assert.False(schema.AdditionalPropertiesAllowed);
    }

    [Theory]
    [MemberData(nameof(DocumentedBodies))]
    public void ADocumentedBody_RequiresExactlyTheFieldsItsParserRequires(string operation)
    {
        var schema = Bodies().Single(b => b.Operation == operation).Schema;

        var refusedWhenEmpty = ErrorsOf(Parsers[operation], []).Keys.Order(StringComparer.Ordinal);

        Assert.Equal(refusedWhenEmpty, (schema.Required ?? new HashSet<string>()).Order(StringComparer.Ordinal));
    }

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Func<JsonElement, Failure?> parse, JsonObject body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        return parse(document.RootElement)?.Errors ?? new Dictionary<string, string[]>();
    }

    private static IEnumerable<(string Operation, IOpenApiSchema Schema)> Bodies() =>
        from path in Document.Paths
        from operation in path.Value.Operations!
        where operation.Value.RequestBody is not null
        select (operation.Value.OperationId!, operation.Value.RequestBody!.Content!["application/json"].Schema!);
}
