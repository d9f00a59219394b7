using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Solidaire.Testing;

/// <summary>A staff member of a test app, signed in the way a person is: a link by email, traded for an access token.</summary>
public sealed partial class StaffClient(IServedApp app, string email, string accessToken)
{
    public string Email { get; } = email;
    public string AccessToken { get; } = accessToken;

    public const string Coordinator = "coordination@solidaire.test";

    /// <summary>Asks for a link for <paramref name="email"/> and returns the token the emailed link carries.</summary>
    public static async Task<string> RequestLinkTokenAsync(IServedApp app, string email)
    {
        // Only sign-in links count: other emails to the same member (a signed contract, a reminder) may land at the same time.
        bool IsLink(EmlMessage m) => m.To == email && LinkToken().IsMatch(m.Text);
        var before = EmlMessage.ReadFolder(app.MailFolder).Count(IsLink);
        var response = await app.Client.PostAsync("/api/staff/sign-in", Json.Body(JsonSerializer.Serialize(new { email })));
        Check.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/staff/sign-in: {(int)response.StatusCode}");
        await Eventually.TrueAsync(() => Task.FromResult(EmlMessage.ReadFolder(app.MailFolder).Count(IsLink) > before), "the sign-in link arrives");
        var link = EmlMessage.ReadFolder(app.MailFolder).Where(IsLink).OrderBy(m => File.GetLastWriteTimeUtc(Path.Combine(app.MailFolder, m.FileName))).Last();
        return LinkToken().Match(link.Text).Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> ExchangeAsync(IServedApp app, string linkToken) =>
        await app.Client.PostAsync("/api/staff/access-tokens", Json.Body(JsonSerializer.Serialize(new { token = linkToken })));

    public static async Task<StaffClient> SignInAsync(IServedApp app, string email)
    {
        var token = await RequestLinkTokenAsync(app, email);
        var response = await ExchangeAsync(app, token);
        var text = await response.Content.ReadAsStringAsync();
        Check.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return new StaffClient(app, email, JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString()!);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        SendAsync(app, method, path, AccessToken, body);

    public static async Task<HttpResponseMessage> SendAsync(IServedApp app, HttpMethod method, string path, string? accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
            request.Content = Json.Body(body as string ?? JsonSerializer.Serialize(body));
        return await app.Client.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Check.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"/staff/#token=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex LinkToken();
}
