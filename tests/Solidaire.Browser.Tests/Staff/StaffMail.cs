using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// What reaches staff by email, read from the app's pickup folder as a person reads their mailbox, and
/// the few API calls a test makes to set the stage (asking for a link, inviting a coach) when the
/// console's own screens for them are not what the test is about.
/// </summary>
public sealed partial class StaffMail(BrowserApp app)
{
    public const string Coordinator = "coordination@solidaire.test";

    /// <summary>The sign-in link of the next email to <paramref name="email"/> after <paramref name="ask"/> runs.</summary>
    public async Task<string> NextSignInLinkAsync(string email, Func<Task> ask)
    {
        var before = EmlMessage.ReadFolder(app.MailFolder).Select(m => m.FileName).ToHashSet(StringComparer.Ordinal);
        await ask();
        var message = await EmlMessage.WaitForAsync(app.MailFolder, m =>
            !before.Contains(m.FileName) && m.To.Contains(email, StringComparison.OrdinalIgnoreCase) && SignInLink().IsMatch(m.Text));
        return SignInLink().Match(message.Text).Value;
    }

    /// <summary>Asks the API for a sign-in link, as the console's sign-in screen does, and returns the emailed link.</summary>
    public Task<string> SignInLinkAsync(string email) =>
        NextSignInLinkAsync(email, async () =>
        {
            using var client = Client();
            var answer = await client.PostAsJsonAsync("/api/staff/sign-in", new { email });
            Assert.Equal(202, (int)answer.StatusCode);
        });

    /// <summary>An access token for <paramref name="email"/>, traded from their emailed link.</summary>
    public async Task<string> AccessTokenAsync(string email)
    {
        var link = await SignInLinkAsync(email);
        using var client = Client();
        var answer = await client.PostAsJsonAsync("/api/staff/access-tokens", new { token = link[(link.IndexOf("#token=", StringComparison.Ordinal) + 7)..] });
        Assert.Equal(200, (int)answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A new coach, invited by the bootstrap coordinator; optionally with a complete profile and the charter signed.</summary>
    public async Task<(string Email, string Name)> NewCoachAsync(bool ready = false)
    {
        var suffix = UniqueWord();
        var (email, name) = ($"coach.{suffix}@solidaire.test", "Dominique " + suffix);
        using var coordinator = Client(await AccessTokenAsync(Coordinator));
        Assert.Equal(201, (int)(await coordinator.PostAsJsonAsync("/api/staff/coaches", new { email, displayName = name })).StatusCode);
        if (ready)
        {
            using var coach = Client(await AccessTokenAsync(email));
            var profile = new { displayName = name, languages = new[] { "fr", "en" }, certification = "certified", certifyingBody = (string?)null, supervisor = "Groupe de pairs Lyon", insurance = (string?)null };
            Assert.Equal(200, (int)(await coach.PutAsJsonAsync("/api/staff/me/profile", profile)).StatusCode);
            using var charter = JsonDocument.Parse(await coach.GetStringAsync("/api/staff/charter"));
            var sha = charter.RootElement.GetProperty("sha256").GetString();
            Assert.Equal(200, (int)(await coach.PostAsJsonAsync("/api/staff/me/charter-signature", new { charterSha256 = sha })).StatusCode);
        }
        return (email, name);
    }

    /// <summary>Whether the API still accepts <paramref name="accessToken"/>: the status of GET /api/staff/me.</summary>
    public async Task<int> MeStatusAsync(string accessToken)
    {
        using var client = Client(accessToken);
        return (int)(await client.GetAsync("/api/staff/me")).StatusCode;
    }

    public async Task SignOutAsync(string accessToken)
    {
        using var client = Client(accessToken);
        Assert.Equal(204, (int)(await client.PostAsync("/api/staff/sign-out", null)).StatusCode);
    }

    /// <summary>A unique word of letters only: a staff member's name takes no digit.</summary>
    public static string UniqueWord() =>
        new(Guid.NewGuid().ToString("N")[..10].Select(c => (char)(char.IsAsciiDigit(c) ? 'g' + (c - '0') : c)).ToArray());

    private HttpClient Client(string? accessToken = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/staff/#token=[A-Za-z0-9._~-]+")]
    private static partial Regex SignInLink();
}
