using System.Net;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Erasure;

/// <summary>Asking for erasure (GDPR Art. 17): anyone may ask; only a known address gets a link, and nobody can tell which.</summary>
public sealed class ErasureRequestTests : AppTest
{
    [Fact]
    public async Task UnknownAddress_Is202LikeAKnownOne_AndNoEmailIsSent()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("known@example.org")));

        var unknown = await ErasureLinks.RequestAsync(App, "nobody@example.org");
        var known = await ErasureLinks.RequestAsync(App, "known@example.org");

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        // Both look-ups ran after their answers; once the known one's email is there, the unknown one's is done too.
        await Eventually.TrueAsync(() => Task.FromResult(ErasureLinks.LinkEmails(App, "known@example.org").Count == 1), "the known address gets its link");
        await Task.Delay(200);
        Assert.DoesNotContain(EmlMessage.ReadFolder(App.MailFolder), m => m.To == "nobody@example.org");
    }

    [Fact]
    public async Task KnownAddress_GetsALinkInItsLanguage_ThatOpensThePreview()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("english@example.org", "en")));

        var token = await ErasureLinks.TokenAsync(App, "english@example.org");

        var email = Assert.Single(ErasureLinks.LinkEmails(App, "english@example.org"));
        Assert.Equal("en", email.Language);
        Assert.Contains("24 hours", email.Text, StringComparison.Ordinal);
        var preview = await ErasureLinks.JsonOf(await ErasureLinks.PreviewAsync(App, token));
        Assert.Equal("ready", preview.GetProperty("status").GetString());
        Assert.Equal("en", preview.GetProperty("language").GetString());
        Assert.Equal(1, preview.GetProperty("destroyed").GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task SameAddressAskingAgain_GetsOneEmailPerWindow()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("twice@example.org")));
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("marker@example.org")));
        await ErasureLinks.TokenAsync(App, "twice@example.org");

        Assert.Equal(HttpStatusCode.Accepted, (await ErasureLinks.RequestAsync(App, "twice@example.org")).StatusCode);
        await ErasureLinks.TokenAsync(App, "marker@example.org"); // asked after: once it is there, the second request was handled

        Assert.Single(ErasureLinks.LinkEmails(App, "twice@example.org"));
        App.Time.Advance(TimeSpan.FromMinutes(16));
        await ErasureLinks.TokenAsync(App, "twice@example.org");
        Assert.Equal(2, ErasureLinks.LinkEmails(App, "twice@example.org").Count);
    }

    [Theory]
    [InlineData("{\"email\":\"not an address\"}", "email")]
    [InlineData("{\"email\":\"a@example.org\",\"name\":\"x\"}", "name")]
    [InlineData("{}", "email")]
    public async Task BadInput_IsRefusedWithFieldErrors_LikeTheIntakeForm(string body, string field)
    {
        var problem = await Problem.ReadAsync(await App.Client.PostAsync("/api/erasure-requests", Json.Body(body)));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task NotJson_IsAProblem_NotAnAcceptance()
    {
        var problem = await Problem.ReadAsync(await App.Client.PostAsync("/api/erasure-requests", Json.Body("not json")));

        Assert.NotEqual(HttpStatusCode.Accepted, problem.Status);
    }

    [Fact]
    public async Task ManyRequestsFromOneAddress_Are429RateLimited_WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(s => s["RateLimiting:PerIpPerHour"] = "2");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await ErasureLinks.RequestAsync(app, $"flood{i}@example.org")).StatusCode);

        var response = await ErasureLinks.RequestAsync(app, "flood-last@example.org");

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limited"), (problem.Status, problem.Code));
        Assert.True(response.Headers.RetryAfter is not null || response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task ExpiredLink_Is410LinkExpired_AndNothingIsErased()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("late@example.org")));
        var token = await ErasureLinks.TokenAsync(App, "late@example.org");
        App.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var preview = await Problem.ReadAsync(await ErasureLinks.PreviewAsync(App, token));
        var confirm = await Problem.ReadAsync(await ErasureLinks.ConfirmAsync(App, token));

        Assert.Equal((HttpStatusCode.Gone, "link_expired"), (preview.Status, preview.Code));
        Assert.Equal((HttpStatusCode.Gone, "link_expired"), (confirm.Status, confirm.Code));
        Assert.Single(await StorageContents.RowsAsync(App, Solidaire.Core.Storage.Tables.Dossiers, "intake|"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task NoLink_Is401InvalidToken(string? token)
    {
        var preview = await Problem.ReadAsync(await ErasureLinks.PreviewAsync(App, token));
        var confirm = await Problem.ReadAsync(await ErasureLinks.ConfirmAsync(App, token));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (preview.Status, preview.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (confirm.Status, confirm.Code));
    }

    [Fact]
    public async Task LinkOfAnotherPurpose_Is401InvalidToken()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var contractLink = EmlMessage.ReadFolder(App.MailFolder).First(m => m.To == e.ClientEmail && m.Text.Contains("contract.html#token=", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(contractLink.Text, @"contract\.html#token=([A-Za-z0-9_\-\.]+)").Groups[1].Value;

        var problem = await Problem.ReadAsync(await ErasureLinks.ConfirmAsync(App, token));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (problem.Status, problem.Code));
    }

    [Fact]
    public async Task EveryEmailToAClient_LinksToTheErasurePage()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("footer@example.org", "en")));

        var acknowledgement = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "footer@example.org");

        Assert.Matches(@"Erase my data: https?://\S+/erasure\.html", acknowledgement.Text);
        Assert.Contains("/erasure.html\">Erase my data</a>", acknowledgement.Html, StringComparison.Ordinal);
    }
}
