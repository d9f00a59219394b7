using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// Every console screen, in both languages, on a 320 px phone and a 1280 px screen: no WCAG 2.1 A/AA
/// violation that axe-core finds, no sideways scroll, and no failed answer but the expected 401s.
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffAccessibilityTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task SignInScreens_HaveNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        await using var session = await app.OpenAsync(width, height);
        var console = await StaffConsole.OpenAsync(session.Page, language);
        var check = new ScreenCheck(console, $"{language}-{width}");

        await Expect(console.HeadingNamed(console.Texts.SignInHeading)).ToBeVisibleAsync();
        await check.AssertAsync("sign-in");

        await console.Button(console.Texts.SignInSubmit).ClickAsync();
        await Expect(console.ErrorSummary).ToBeVisibleAsync();
        await check.AssertAsync("sign-in-errors");

        await console.AskForLinkAsync("nobody." + Guid.NewGuid().ToString("N") + "@une-adresse-assez-longue.example.org");
        await Expect(console.HeadingNamed(console.Texts.SentHeading)).ToBeVisibleAsync();
        await check.AssertAsync("sign-in-sent");

        await console.FollowAsync(StaffConsole.Path + "#token=not.a.token");
        await Expect(console.Main.GetByText(console.Texts.LinkInvalid, new() { Exact = true })).ToBeVisibleAsync();
        await check.AssertAsync("sign-in-link-invalid");

        Assert.Empty(console.FailedAnswers(expected: url => url.EndsWith("/api/staff/access-tokens", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task CoordinatorScreens_HaveNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var (_, coachName) = await _mail.NewCoachAsync(ready: true);
        await using var session = await app.OpenAsync(width, height);
        var console = await StaffConsole.OpenAsync(session.Page, language);
        var check = new ScreenCheck(console, $"{language}-{width}");
        await console.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));

        await Expect(console.Heading).ToHaveTextAsync(string.Format(console.Texts.Hello, "coordination"));
        await check.AssertAsync("coordinator-me");

        await console.Link(console.Texts.NavCoaches).ClickAsync();
        await Expect(console.CoachCard(coachName)).ToContainTextAsync(console.Texts.Assignable);
        await check.AssertAsync("coaches");

        await console.Button(console.Texts.InviteSubmit).ClickAsync();
        await Expect(console.ErrorSummary).ToBeVisibleAsync();
        await check.AssertAsync("coaches-invite-errors");

        await console.CoachCard(coachName).GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(console.Button(console.Texts.DeactivateYes)).ToBeVisibleAsync();
        await check.AssertAsync("coaches-deactivate-confirm");

        await console.Button(console.Texts.SignOut).ClickAsync();
        await Expect(console.Main.GetByText(console.Texts.SignedOut, new() { Exact = true })).ToBeVisibleAsync();
        await check.AssertAsync("signed-out");

        Assert.Empty(console.FailedAnswers());
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task CoachScreens_HaveNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var (email, _) = await _mail.NewCoachAsync();
        await using var session = await app.OpenAsync(width, height);
        var console = await StaffConsole.OpenAsync(session.Page, language);
        var check = new ScreenCheck(console, $"{language}-{width}");
        await console.FollowAsync(await _mail.SignInLinkAsync(email));

        await Expect(console.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = console.Texts.TodoHeading })).ToBeVisibleAsync();
        await check.AssertAsync("coach-me-todo");

        await console.Link(console.Texts.CompleteProfile).ClickAsync();
        await Expect(console.HeadingNamed(console.Texts.ProfileHeading)).ToBeVisibleAsync();
        await check.AssertAsync("coach-profile");
        await console.Button(console.Texts.ProfileSubmit).ClickAsync();
        await Expect(console.ErrorSummary).ToBeVisibleAsync();
        await check.AssertAsync("coach-profile-errors");
        await console.FillProfileAsync("Alex Martin", "Supervision individuelle avec une coach certifiée");
        await console.Button(console.Texts.ProfileSubmit).ClickAsync();
        await Expect(console.Main.GetByText(console.Texts.ProfileSaved, new() { Exact = true })).ToBeVisibleAsync();
        await check.AssertAsync("coach-me-profile-saved");

        await console.Link(console.Texts.SignCharterLink).ClickAsync();
        await Expect(console.HeadingNamed(console.Texts.CharterHeading)).ToBeVisibleAsync();
        await Expect(console.Checkbox(console.Texts.CharterCommit)).ToBeVisibleAsync();
        await check.AssertAsync("coach-charter");
        await console.Button(console.Texts.CharterSubmit).ClickAsync();
        await Expect(console.ErrorSummary).ToBeVisibleAsync();
        await check.AssertAsync("coach-charter-errors");
        await console.Checkbox(console.Texts.CharterCommit).CheckAsync();
        await console.Button(console.Texts.CharterSubmit).ClickAsync();
        await Expect(console.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = console.Texts.ReadyHeading })).ToBeVisibleAsync();
        await check.AssertAsync("coach-me-ready");

        Assert.Empty(console.FailedAnswers());
    }

    /// <summary>The checks of StaffConsole.AssertScreenAsync, the screen named with the variant (language and width).</summary>
    private sealed class ScreenCheck(StaffConsole console, string variant)
    {
        public Task AssertAsync(string screen) => console.AssertScreenAsync($"{screen}-{variant}");
    }
}
