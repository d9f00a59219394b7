using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// Triage and engagements in the console, against the triage API's contract (issue 8, second part):
/// the queue with urgent requests first, an intake opened from its alert email (sign-in first), the
/// assignment, and the coach's confirmation with the no-conflict declaration (§3.18).
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed partial class StaffTriageTests(BrowserApp app)
{


    private readonly StaffMail _mail = new(app);

    [Fact]
    public async Task UrgentIntake_OpenedFromItsAlertEmail_SignsInFirst_ThenShowsTheIntake()
    {
        var email = $"urgent.{Guid.NewGuid():N}@example.org";
        var reference = await _mail.SubmitIntakeAsync(email, "Je pense au suicide, je n'en peux plus de cette entreprise qui s'effondre.");
        var alert = await EmlMessage.WaitForAsync(app.MailFolder, m =>
            m.To.Contains(StaffMail.Coordinator, StringComparison.OrdinalIgnoreCase) && m.Text.Contains(reference, StringComparison.Ordinal));
        var intakeLink = IntakeLink().Match(alert.Text).Value;
        await using var session = await app.OpenAsync();
        var console = new StaffConsole(session.Page, "fr");

        await console.FollowAsync(intakeLink);
        await Expect(console.HeadingNamed(console.Texts.SignInHeading)).ToBeVisibleAsync();
        await console.FollowAsync(await _mail.NextSignInLinkAsync(StaffMail.Coordinator, () => console.AskForLinkAsync(StaffMail.Coordinator)));

        await Expect(console.HeadingNamed("Demande " + reference)).ToBeVisibleAsync();
        await Expect(console.Main).ToContainTextAsync("URGENT");
        await Expect(console.Main).ToContainTextAsync(email);
        Assert.Empty(console.FailedAnswers());
    }

    [Fact]
    public async Task Coordinator_AssignsASubmittedIntake_AndTheCoachConfirmsWithTheNoConflictDeclaration()
    {
        var (coachEmail, coachName) = await _mail.NewCoachAsync(ready: true);
        var clientEmail = $"client.{Guid.NewGuid():N}@example.org";
        var reference = await _mail.SubmitIntakeAsync(clientEmail, IntakeSamples.Situation);
        await using var session = await app.OpenAsync();
        var coordinator = new StaffConsole(session.Page, "fr");
        await coordinator.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));

        await coordinator.Link("Demandes").ClickAsync();
        await coordinator.Link("Ouvrir la demande " + reference).ClickAsync();
        await coordinator.Field("Coach (obligatoire)").SelectOptionAsync(new SelectOptionValue { Label = coachName });
        await coordinator.Button("Confier la demande").ClickAsync();
        await Expect(coordinator.Main).ToContainTextAsync($"Demande {reference} confiée.");

        var assignment = await EmlMessage.WaitForAsync(app.MailFolder, m =>
            m.To.Contains(coachEmail, StringComparison.OrdinalIgnoreCase) && EngagementLink().IsMatch(m.Text));
        await using var coachSession = await app.OpenAsync(width: 390, height: 844);
        var coach = new StaffConsole(coachSession.Page, "fr");
        await coach.FollowAsync(EngagementLink().Match(assignment.Text).Value);
        await coach.FollowAsync(await _mail.NextSignInLinkAsync(coachEmail, () => coach.AskForLinkAsync(coachEmail)));
        await Expect(coach.HeadingNamed("Accompagnement " + reference)).ToBeVisibleAsync();
        await coach.Button("Confirmer l'accompagnement").ClickAsync();
        await Expect(coach.ErrorSummary).ToContainTextAsync("Cochez la déclaration");
        await coach.Checkbox("Je déclare n'avoir aucune relation personnelle ou professionnelle antérieure avec cette personne").CheckAsync();
        await coach.Button("Confirmer l'accompagnement").ClickAsync();

        await Expect(coach.Main).ToContainTextAsync($"Accompagnement {reference} confirmé.");
        // The coach then reaches the person: from the engagement to the request and its contact details.
        await coach.Link("Ouvrir l'accompagnement " + reference).ClickAsync();
        await coach.Link("Voir la demande et les coordonnées de la personne").ClickAsync();
        await Expect(coach.Main).ToContainTextAsync(clientEmail);
        Assert.Empty(coach.FailedAnswers());
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task QueueIntakeAndEngagementScreens_HaveNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var fr = language == "fr";
        var (coachEmail, coachName) = await _mail.NewCoachAsync(ready: true);
        var reference = await _mail.SubmitIntakeAsync($"a11y.{Guid.NewGuid():N}@example.org", IntakeSamples.Situation);
        await using var session = await app.OpenAsync(width, height);
        var console = await StaffConsole.OpenAsync(session.Page, language);
        await console.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));

        await console.Link(fr ? "Demandes" : "Requests").ClickAsync();
        var open = console.Link((fr ? "Ouvrir la demande " : "Open request ") + reference);
        await Expect(open).ToBeVisibleAsync();
        await console.AssertScreenAsync($"queue-{language}-{width}");
        await open.ClickAsync();
        var coachField = console.Field(fr ? "Coach (obligatoire)" : "Coach (required)");
        await Expect(coachField).ToBeVisibleAsync();
        await console.AssertScreenAsync($"intake-{language}-{width}");
        await console.Button(fr ? "Décliner la demande" : "Decline the request").ClickAsync();
        await Expect(console.ErrorSummary).ToBeVisibleAsync();
        await console.AssertScreenAsync($"intake-errors-{language}-{width}");
        await coachField.SelectOptionAsync(new SelectOptionValue { Label = coachName });
        await console.Button(fr ? "Confier la demande" : "Assign the request").ClickAsync();
        await Expect(console.Main).ToContainTextAsync(reference);
        await console.AssertScreenAsync($"queue-after-assignment-{language}-{width}");

        await using var coachSession = await app.OpenAsync(width, height);
        var coach = await StaffConsole.OpenAsync(coachSession.Page, language);
        await coach.FollowAsync(await _mail.SignInLinkAsync(coachEmail));
        await coach.Link(fr ? "Mes accompagnements" : "My engagements").ClickAsync();
        var engagement = coach.Link((fr ? "Ouvrir l'accompagnement " : "Open engagement ") + reference);
        await Expect(engagement).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"engagements-{language}-{width}");
        await engagement.ClickAsync();
        await coach.Button(fr ? "Confirmer l'accompagnement" : "Confirm the engagement").ClickAsync();
        await Expect(coach.ErrorSummary).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"engagement-errors-{language}-{width}");
        Assert.Empty(console.FailedAnswers());
        Assert.Empty(coach.FailedAnswers());
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/staff/#intake=[A-Za-z0-9._~-]+")]
    private static partial Regex IntakeLink();

    [GeneratedRegex(@"https?://[^\s""<>]+/staff/#engagement=[A-Za-z0-9._~-]+")]
    private static partial Regex EngagementLink();
}
