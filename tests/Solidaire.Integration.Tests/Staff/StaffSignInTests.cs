using System.Net;
using System.Text.Json;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Staff;

/// <summary>Sign-in by emailed link (issue 8): no enumeration, single use, expiry, purpose, sign-out.</summary>
public sealed class StaffSignInTests : AppTest
{
    private const string Coordinator = StaffClient.Coordinator;

    [Fact]
    public async Task BootstrapCoordinator_GetsALinkToTheConsole_AndTradesItForAnAccessTokenWithTheirRoles()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);

        var response = await StaffClient.ExchangeAsync(App, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["coordinator"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - App.Time.GetUtcNow(), TimeSpan.FromHours(8) - TimeSpan.FromSeconds(2), TimeSpan.FromHours(8));
        var link = EmlMessage.ReadFolder(App.MailFolder).Single(m => m.To == Coordinator);
        Assert.Contains("/staff/#token=", link.Text, StringComparison.Ordinal);
        Assert.Contains("15 minutes", link.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody@example.org")]
    [InlineData("COORDINATION@solidaire.test")] // a registered address in another case is the same person: answered the same
    public async Task SignIn_AnswersTheSame202_WhetherOrNotTheAddressIsRegistered(string email)
    {
        var response = await App.Client.PostAsync("/api/staff/sign-in", Json.Body(JsonSerializer.Serialize(new { email })));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_ForAnUnknownAddress_SendsNothing()
    {
        await App.Client.PostAsync("/api/staff/sign-in", Json.Body("""{"email":"nobody@example.org"}"""));
        await StaffClient.RequestLinkTokenAsync(App, Coordinator); // a known one afterwards: once it arrived, the other would have too

        Assert.DoesNotContain(EmlMessage.ReadFolder(App.MailFolder), m => m.To == "nobody@example.org");
    }

    [Fact]
    public async Task UsedLink_IsRefusedTheSecondTime()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.ExchangeAsync(App, token)).StatusCode);

        var problem = await Problem.ReadAsync(await StaffClient.ExchangeAsync(App, token));

        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("invalid_token", problem.Code);
    }

    [Fact]
    public async Task LinkUsedTenTimesAtOnce_GivesExactlyOneAccessToken()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => StaffClient.ExchangeAsync(App, token)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task ExpiredLink_IsRefused()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);
        App.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var problem = await Problem.ReadAsync(await StaffClient.ExchangeAsync(App, token));

        Assert.Equal("invalid_token", problem.Code);
    }

    [Fact]
    public async Task TamperedLink_IsRefused()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);
        var parts = token.Split('.');
        var payload = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
        var forged = parts[0] + "." + Base64UrlEncode(payload.GetRawText().Replace(payload.GetProperty("exp").GetRawText(), "4102444800", StringComparison.Ordinal)) + "." + parts[2];

        var problem = await Problem.ReadAsync(await StaffClient.ExchangeAsync(App, forged));

        Assert.Equal("invalid_token", problem.Code);
    }

    [Fact]
    public async Task UnsignedOrForeignlySignedToken_IsRefused()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);
        var parts = token.Split('.');
        var none = Base64UrlEncode("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".";
        var otherKey = parts[0] + "." + parts[1] + "." + Base64UrlEncode(new string('x', 32));

        Assert.Equal("invalid_token", (await Problem.ReadAsync(await StaffClient.ExchangeAsync(App, none))).Code);
        Assert.Equal("invalid_token", (await Problem.ReadAsync(await StaffClient.ExchangeAsync(App, otherKey))).Code);
    }

    [Fact]
    public async Task AccessToken_IsNotASignInLink_AndALinkIsNotAnAccessToken()
    {
        var coordinator = await StaffClient.SignInAsync(App, Coordinator);
        var link = await StaffClient.RequestLinkTokenAsync(App, Coordinator);

        Assert.Equal("invalid_token", (await Problem.ReadAsync(await StaffClient.ExchangeAsync(App, coordinator.AccessToken))).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffClient.SendAsync(App, HttpMethod.Get, "/api/staff/me", link)).StatusCode);
    }

    [Fact]
    public async Task AccessToken_WorksUntilItExpires()
    {
        var coordinator = await StaffClient.SignInAsync(App, Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.SendAsync(HttpMethod.Get, "/api/staff/me")).StatusCode);

        App.Time.Advance(TimeSpan.FromHours(8));

        Assert.Equal(HttpStatusCode.Unauthorized, (await coordinator.SendAsync(HttpMethod.Get, "/api/staff/me")).StatusCode);
    }

    [Fact]
    public async Task AfterSignOut_TheAccessTokenIsRefused()
    {
        var coordinator = await StaffClient.SignInAsync(App, Coordinator);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.SendAsync(HttpMethod.Post, "/api/staff/sign-out")).StatusCode);

        var problem = await Problem.ReadAsync(await coordinator.SendAsync(HttpMethod.Get, "/api/staff/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("invalid_token", problem.Code);
    }

    [Fact]
    public async Task SignIn_WithABodyThatIsNotAnEmail_IsAValidationProblem()
    {
        var problem = await Problem.ReadAsync(await App.Client.PostAsync("/api/staff/sign-in", Json.Body("""{"email":"not an address","extra":1}""")));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains("email", problem.Errors.Keys);
        Assert.Contains("extra", problem.Errors.Keys);
    }

    [Fact]
    public async Task SignInLink_IsNeverStored()
    {
        var token = await StaffClient.RequestLinkTokenAsync(App, Coordinator);

        var everything = await StorageContents.AllAsync(App);

        Assert.DoesNotContain(everything.SelectMany(r => r.Select(kv => kv.Value)).OfType<string>(), v => v.Contains(token, StringComparison.Ordinal));
    }

    private static byte[] Base64UrlDecode(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + (4 - text.Length % 4) % 4, '='));

    private static string Base64UrlEncode(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
