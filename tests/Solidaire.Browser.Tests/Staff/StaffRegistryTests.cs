using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>The coach registry end to end: a coordinator invites, the coach gets ready, the registry says so.</summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffRegistryTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    [Fact]
    public async Task InvitedCoach_SignsIn_CompletesProfile_SignsCharter_AndShowsAssignableInTheRegistry()
    {
        var suffix = StaffMail.UniqueWord();
        var (coachEmail, coachName) = ($"camille.{suffix}@solidaire.test", "Camille " + suffix);

        // The coordinator signs in from their emailed link and invites the coach.
        await using var coordinatorSession = await app.OpenAsync();
        var coordinator = await StaffConsole.OpenAsync(coordinatorSession.Page);
        await coordinator.FollowAsync(await _mail.NextSignInLinkAsync(StaffMail.Coordinator, () => coordinator.AskForLinkAsync(StaffMail.Coordinator)));
        await coordinator.Link(coordinator.Texts.NavCoaches).ClickAsync();
        await Expect(coordinator.HeadingNamed(coordinator.Texts.CoachesHeading)).ToBeFocusedAsync();
        await coordinator.Field(coordinator.Texts.InviteEmail).FillAsync(coachEmail);
        await coordinator.Field(coordinator.Texts.InviteName).FillAsync(coachName);
        await coordinator.Button(coordinator.Texts.InviteSubmit).ClickAsync();
        await Expect(coordinator.Main.GetByText(string.Format(coordinator.Texts.Invited, coachEmail))).ToBeVisibleAsync();
        await Expect(coordinator.CoachCard(coachName)).ToContainTextAsync(coordinator.Texts.NotAssignable);
        var invitation = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To.Contains(coachEmail, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(app.BaseUrl + "/staff/", invitation.Text, StringComparison.Ordinal);

        // The coach signs in from their own link and sees plainly what is missing.
        await using var coachSession = await app.OpenAsync(width: 390, height: 844);
        var coach = await StaffConsole.OpenAsync(coachSession.Page);
        await coach.FollowAsync(await _mail.NextSignInLinkAsync(coachEmail, () => coach.AskForLinkAsync(coachEmail)));
        await Expect(coach.Heading).ToHaveTextAsync(string.Format(coach.Texts.Hello, coachName));
        await Expect(coach.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = coach.Texts.TodoHeading })).ToBeVisibleAsync();

        await coach.Link(coach.Texts.CompleteProfile).ClickAsync();
        await Expect(coach.HeadingNamed(coach.Texts.ProfileHeading)).ToBeFocusedAsync();
        await coach.FillProfileAsync(coachName, "Groupe de pairs de Lyon");
        await coach.Button(coach.Texts.ProfileSubmit).ClickAsync();
        await Expect(coach.Main.GetByText(coach.Texts.ProfileSaved, new() { Exact = true })).ToBeFocusedAsync();

        await coach.Link(coach.Texts.SignCharterLink).ClickAsync();
        await Expect(coach.HeadingNamed(coach.Texts.CharterHeading)).ToBeFocusedAsync();
        await Expect(coach.Main.Locator("article[lang=fr]")).ToContainTextAsync("Charte du Collectif");
        await coach.Checkbox(coach.Texts.CharterCommit).CheckAsync();
        await coach.Button(coach.Texts.CharterSubmit).ClickAsync();
        await Expect(coach.Main.GetByText(coach.Texts.CharterSigned, new() { Exact = true })).ToBeFocusedAsync();
        await Expect(coach.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = coach.Texts.ReadyHeading })).ToBeVisibleAsync();

        // Back in the coordinator's registry: assignable.
        await coordinatorSession.Page.ReloadAsync();
        await Expect(coordinator.CoachCard(coachName)).ToContainTextAsync(coordinator.Texts.Assignable);
        await Expect(coordinator.CoachCard(coachName)).Not.ToContainTextAsync(coordinator.Texts.NotAssignable);
        Assert.Empty(coordinator.FailedAnswers());
        Assert.Empty(coach.FailedAnswers());
    }

    [Fact]
    public async Task InvitingAnActiveCoachAgain_IsExplainedNextToTheAddress()
    {
        var (email, _) = await _mail.NewCoachAsync();
        await using var session = await app.OpenAsync();
        var console = new StaffConsole(session.Page, "fr");
        await console.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));
        await console.Link(console.Texts.NavCoaches).ClickAsync();

        await console.Field(console.Texts.InviteEmail).FillAsync(email);
        await console.Field(console.Texts.InviteName).FillAsync("Encore");
        await console.Button(console.Texts.InviteSubmit).ClickAsync();

        await Expect(console.ErrorSummary).ToBeFocusedAsync();
        await Expect(console.ErrorSummary).ToContainTextAsync(console.Texts.AlreadyRegistered);
        await Expect(console.Field(console.Texts.InviteEmail)).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Deactivating_AsksFirst_ThenTheCoachShowsDeactivated()
    {
        var (_, name) = await _mail.NewCoachAsync();
        await using var session = await app.OpenAsync();
        var console = new StaffConsole(session.Page, "en");
        await session.Page.GotoAsync(StaffConsole.Path + "?lang=en");
        await console.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));
        await console.Link(console.Texts.NavCoaches).ClickAsync();
        var card = console.CoachCard(name);

        await card.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = string.Format(console.Texts.Deactivate, name) }).ClickAsync();
        await Expect(card.GetByText($"Deactivate {name}? Their access to the console stops at once")).ToBeFocusedAsync();
        await card.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = console.Texts.DeactivateYes }).ClickAsync();

        await Expect(card).ToContainTextAsync(console.Texts.Deactivated);
        await Expect(card.GetByRole(Microsoft.Playwright.AriaRole.Button)).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Profile_WithoutSupervisorOrLanguage_SaysWhatIsMissing_NextToEachField(string language)
    {
        var (email, _) = await _mail.NewCoachAsync();
        await using var session = await app.OpenAsync();
        var console = await StaffConsole.OpenAsync(session.Page, language);
        await console.FollowAsync(await _mail.SignInLinkAsync(email));
        await console.Link(console.Texts.CompleteProfile).ClickAsync();

        await console.Button(console.Texts.ProfileSubmit).ClickAsync();

        await Expect(console.ErrorSummary).ToBeFocusedAsync();
        await Expect(console.ErrorSummary).ToContainTextAsync(console.Texts.SupervisorRequired);
        await Expect(console.ErrorSummary).ToContainTextAsync(console.Texts.LanguagesRequired);
        await Expect(console.Field(console.Texts.Supervisor)).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Charter_NotTicked_IsNotSigned_AndSaysWhy()
    {
        var (email, _) = await _mail.NewCoachAsync();
        await using var session = await app.OpenAsync();
        var console = await StaffConsole.OpenAsync(session.Page, "en");
        await console.FollowAsync(await _mail.SignInLinkAsync(email));
        await console.Link(console.Texts.SignCharterLink).ClickAsync();
        await Expect(console.Main.GetByText(console.Texts.FrenchOnly, new() { Exact = true })).ToBeVisibleAsync();

        await console.Button(console.Texts.CharterSubmit).ClickAsync();

        await Expect(console.ErrorSummary).ToContainTextAsync(console.Texts.CharterCommitRequired);
        await console.Link(console.Texts.NavMe).ClickAsync();
        await Expect(console.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = console.Texts.TodoHeading })).ToBeVisibleAsync();
        await Expect(console.Link(console.Texts.SignCharterLink)).ToBeVisibleAsync();
    }
}
