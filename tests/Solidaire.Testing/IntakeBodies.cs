using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solidaire.Testing;

/// <summary>Intake bodies as the public page sends them.</summary>
public static class IntakeBodies
{
    /// <summary>The shared valid body (<see cref="IntakeSamples.Valid"/>), with the given email, language, role and situation.</summary>
    public static JsonObject Valid(string email = IntakeSamples.Email, string language = IntakeSamples.Language, string role = IntakeSamples.Role, string? situation = null) =>
        IntakeSamples.Valid(email, language, role, situation);

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
        Check.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString()!;
    }

    /// <summary>The answer's "urgent" flag: a JSON boolean, always present on a 202.</summary>
    public static async Task<bool> UrgentOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Check.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("urgent").GetBoolean();
    }
}
