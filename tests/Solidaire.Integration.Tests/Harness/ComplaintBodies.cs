using System.Text.Json.Nodes;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>Complaint bodies as the public complaint page sends them.</summary>
public static class ComplaintBodies
{
    public const string Description = "Mon coach m'a proposé de poursuivre en séances payantes dès la deuxième rencontre, avec insistance.";

    public static JsonObject Valid(string contactEmail, string language = "fr", string? memberName = null, string? description = null) => new()
    {
        ["description"] = description ?? Description,
        ["memberName"] = memberName,
        ["engagementReference"] = "ABCD-2345-EFGH",
        ["contactEmail"] = contactEmail,
        ["preferredLanguage"] = language,
    };

    public static Task<HttpResponseMessage> PostComplaintAsync(this HttpClient client, JsonObject body) =>
        client.PostAsync("/api/complaints", Json.Body(body.ToJsonString()));
}
