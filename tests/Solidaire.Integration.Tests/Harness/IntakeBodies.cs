using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>Intake bodies as the public page sends them.</summary>
public static class IntakeBodies
{
    public static JsonObject Valid(string email = "jeanne.dupont@example.org", string language = "fr", string role = "manager", string? situation = null) => new()
    {
        ["firstName"] = "Jeanne",
        ["lastName"] = "Dupont-Lefèvre",
        ["email"] = email,
        ["phone"] = "+33 6 12 34 56 78",
        ["role"] = role,
        ["organisation"] = "Boulangerie du Centre",
        ["situation"] = situation ?? "Mon équipe est épuisée par la crise et je ne sais plus comment décider.",
        ["preferredLanguage"] = language,
        ["availability"] = "Mardi et jeudi matin",
        ["consentToProcessing"] = true,
        ["acknowledgesNotTherapy"] = true,
        ["website"] = "",
        ["formDurationMs"] = 95000,
    };

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intakes") { Content = Json.Body(body.ToJsonString()) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<string> ReferenceOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString()!;
    }
}
