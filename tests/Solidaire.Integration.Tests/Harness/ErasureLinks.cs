using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>Erasure on request as a person goes through it: ask with an address, take the link from the email, preview, confirm.</summary>
public static partial class ErasureLinks
{
    public static Task<HttpResponseMessage> RequestAsync(TestApp app, string email) =>
        app.Client.PostAsync("/api/erasure-requests", Json.Body(JsonSerializer.Serialize(new { email })));

    /// <summary>The erasure link emails that reached <paramref name="email"/>.</summary>
    public static IReadOnlyList<EmlMessage> LinkEmails(TestApp app, string email) =>
        EmlMessage.ReadFolder(app.MailFolder).Where(m => m.To == email && LinkToken().IsMatch(m.Text)).ToArray();

    /// <summary>Asks for a link for <paramref name="email"/> (a known address) and returns the token the email carries.</summary>
    public static async Task<string> TokenAsync(TestApp app, string email)
    {
        var before = LinkEmails(app, email).Count;
        Assert.Equal(HttpStatusCode.Accepted, (await RequestAsync(app, email)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(LinkEmails(app, email).Count > before), "the erasure link arrives");
        return TokenOf(LinkEmails(app, email).OrderBy(m => File.GetLastWriteTimeUtc(Path.Combine(app.MailFolder, m.FileName))).Last());
    }

    public static string TokenOf(EmlMessage message) => LinkToken().Match(message.Text).Groups[1].Value;

    public static Task<HttpResponseMessage> PreviewAsync(TestApp app, string? token) =>
        StaffClient.SendAsync(app, HttpMethod.Get, "/api/client/erasure", token);

    public static Task<HttpResponseMessage> ConfirmAsync(TestApp app, string? token) =>
        StaffClient.SendAsync(app, HttpMethod.Post, "/api/client/erasure", token);

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"erasure\.html#token=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex LinkToken();
}
