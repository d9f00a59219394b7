using System.Net;
using System.Text.Json;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>A problem details answer as a client reads it.</summary>
public sealed record Problem(HttpStatusCode Status, string ContentType, JsonElement Body)
{
    public string Code => Body.GetProperty("code").GetString()!;

    public IReadOnlyDictionary<string, string[]> Errors =>
        Body.TryGetProperty("errors", out var e)
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(x => x.GetString()!).ToArray())
            : new Dictionary<string, string[]>();

    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected a problem, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}");
        using var doc = JsonDocument.Parse(text);
        var body = doc.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return new Problem(response.StatusCode, response.Content.Headers.ContentType!.MediaType!, body);
    }
}
