using System.Text.Json;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>Signing in by emailed link, the token's life in the tab, and signing out, in the running app.</summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffSignInTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    [Fact]
    public async Task BootstrapCoordinator_SignsInFromTheEmailedLink_AndTheTokenLeavesTheAddressBar()
    {
        await using var session = await app.OpenAsync();
        var console = await StaffConsole.OpenAsync(session.Page);
        await Expect(console.HeadingNamed(console.Texts.SignInHeading)).ToBeFocusedAsync();

        var link = await _mail.NextSignInLinkAsync(StaffMail.Coordinator, () => console.AskForLinkAsync(StaffMail.Coordinator));
        await Expect(console.HeadingNamed(console.Texts.SentHeading)).ToBeVisibleAsync();
        await Expect(console.Main).ToContainTextAsync("15 minutes");
        await console.FollowAsync(link);

        await Expect(console.Heading).ToHaveTextAsync(string.Format(console.Texts.Hello, "coordination"));
        Assert.DoesNotContain("token", session.Page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(app.BaseUrl + StaffConsole.Path, session.Page.Url);
        Assert.False(await session.Page.EvaluateAsync<bool>("() => window.history.state !== null && JSON.stringify(window.history.state).includes('token')"));
        Assert.NotNull(await console.StoredAccessAsync());
        Assert.Equal("", await session.Page.EvaluateAsync<string>("() => document.cookie"));
        Assert.Empty(console.FailedAnswers());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task UsedLink_ShowsTheKindMessage_AndAsksForANewOne(string language)
    {
        var link = await _mail.SignInLinkAsync(StaffMail.Coordinator);
        await using (var first = await app.OpenAsync())
        {
            await first.Page.GotoAsync(link);
            await Expect(first.Page.GetByRole(Microsoft.Playwright.AriaRole.Navigation)).ToBeVisibleAsync();
        }
        await using var session = await app.OpenAsync();
        var console = await StaffConsole.OpenAsync(session.Page, language);

        await console.FollowAsync(link);

        await Expect(console.HeadingNamed(console.Texts.SignInHeading)).ToBeVisibleAsync();
        var message = console.Main.GetByText(console.Texts.LinkInvalid, new() { Exact = true });
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToBeFocusedAsync();
        await Expect(console.Field(console.Texts.SignInEmail)).ToBeVisibleAsync();
        Assert.DoesNotContain("token", session.Page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await console.StoredAccessAsync());
        Assert.Empty(console.FailedAnswers(expected: url => url.EndsWith("/api/staff/access-tokens", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TamperedLink_ShowsTheSameKindMessage()
    {
        var link = await _mail.SignInLinkAsync(StaffMail.Coordinator);
        await using var session = await app.OpenAsync();
        var console = new StaffConsole(session.Page, "fr");

        await console.FollowAsync(link[..^4] + "AAAA");

        await Expect(console.Main.GetByText(console.Texts.LinkInvalid, new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_ForgetsTheToken_TheApiRefusesIt_AndReloadShowsSignIn()
    {
        await using var session = await app.OpenAsync();
        var console = new StaffConsole(session.Page, "fr");
        await console.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));
        await Expect(console.Heading).ToHaveTextAsync(string.Format(console.Texts.Hello, "coordination"));
        var token = AccessTokenIn(await console.StoredAccessAsync());

        await console.Button(console.Texts.SignOut).ClickAsync();

        await Expect(console.Main.GetByText(console.Texts.SignedOut, new() { Exact = true })).ToBeFocusedAsync();
        Assert.Equal(0, await session.Page.EvaluateAsync<int>("() => window.sessionStorage.length"));
        Assert.Equal(401, await _mail.MeStatusAsync(token));
        await session.Page.ReloadAsync();
        await Expect(console.HeadingNamed(console.Texts.SignInHeading)).ToBeVisibleAsync();
        Assert.Empty(console.FailedAnswers());
    }

    [Fact]
    public async Task TokenRefusedMidSession_BringsThePersonBackToSignIn_WithAKindMessage()
    {
        await using var session = await app.OpenAsync();
        var console = new StaffConsole(session.Page, "fr");
        await console.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));
        await Expect(console.Heading).ToHaveTextAsync(string.Format(console.Texts.Hello, "coordination"));
        await _mail.SignOutAsync(AccessTokenIn(await console.StoredAccessAsync())); // e.g. signed out from another tab

        await console.Link(console.Texts.NavCoaches).ClickAsync();

        await Expect(console.Main.GetByText(console.Texts.SessionEnded, new() { Exact = true })).ToBeFocusedAsync();
        await Expect(console.HeadingNamed(console.Texts.SignInHeading)).ToBeVisibleAsync();
        Assert.Null(await console.StoredAccessAsync());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task EmptyAddress_IsExplainedNextToTheField(string language)
    {
        await using var session = await app.OpenAsync();
        var console = await StaffConsole.OpenAsync(session.Page, language);

        await console.Button(console.Texts.SignInSubmit).ClickAsync();

        await Expect(console.ErrorSummary).ToBeFocusedAsync();
        await Expect(console.ErrorSummary).ToContainTextAsync(console.Texts.EmailRequired);
        await Expect(console.Field(console.Texts.SignInEmail)).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task UnknownAddress_GetsTheSameAnswer_AndNoEmail()
    {
        await using var session = await app.OpenAsync();
        var console = await StaffConsole.OpenAsync(session.Page, "en");
        var stranger = $"someone.{Guid.NewGuid():N}@example.org";

        await console.AskForLinkAsync(stranger);

        await Expect(console.HeadingNamed(console.Texts.SentHeading)).ToBeVisibleAsync();
        await Expect(console.Main).ToContainTextAsync($"If the address {stranger} belongs to the team, a sign-in link is on its way.");
        await Task.Delay(500); // the app sends links after answering: give one the time to arrive if it were sent
        Assert.DoesNotContain(Solidaire.Testing.EmlMessage.ReadFolder(app.MailFolder), m => m.To.Contains(stranger, StringComparison.OrdinalIgnoreCase));
    }

    private static string AccessTokenIn(string? stored) =>
        JsonDocument.Parse(stored ?? throw new InvalidOperationException("no access token in sessionStorage")).RootElement.GetProperty("accessToken").GetString()!;
}
