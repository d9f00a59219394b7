using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>
/// A person whose words carry crisis signals sees, above everything else on the confirmation, the emergency
/// numbers and what the collective does next (rule 2; charter §3.1, §3.7), read first by a screen reader.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class IntakeUrgentTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr", "Depuis la fermeture de mon entreprise, j'ai des idées suicidaires et je ne sais plus à qui parler.")]
    [InlineData("en", "Since my company closed I want to die, and I no longer know who I could talk to about it.")]
    public async Task UrgentRequest_SentForReal_ShowsTheEmergencyNumbersAboveEverythingElse_AndFocusesThem(string language, string situation)
    {
        await using var session = await app.OpenAsync(width: 390, height: 844);
        var page = await IntakePage.OpenAsync(session.Page, language);
        await page.FillAsync(Person.Unique(language) with { Situation = situation });

        await page.Submit.ClickAsync();

        await Expect(page.UrgentConfirmation).ToBeVisibleAsync();
        await Expect(page.UrgentConfirmationTitle).ToBeFocusedAsync();
        foreach (var number in new[] { "3114", "15", "112" })
            await Expect(page.UrgentConfirmation.GetByRole(AriaRole.Link, new() { Name = number, Exact = true })).ToHaveAttributeAsync("href", "tel:" + number);
        await Expect(page.UrgentConfirmation).ToContainTextAsync(language == "fr" ? "Hors de France, appelez le numéro d'urgence du pays" : "Outside France, call the emergency number of the country");
        await Expect(page.UrgentConfirmation).ToContainTextAsync(language == "fr" ? "lit les demandes urgentes en premier et vous écrit dès que possible" : "reads urgent requests first and writes to you as soon as possible");
        await Expect(session.Page.Locator("main")).Not.ToContainTextAsync(new Regex("quelques jours|few days", RegexOptions.IgnoreCase));
        // Above everything else: first after the page heading, before the reference and the confirmation.
        var urgentBox = (await page.UrgentConfirmation.BoundingBoxAsync())!;
        var confirmationBox = (await page.Confirmation.BoundingBoxAsync())!;
        Assert.True(urgentBox.Y + urgentBox.Height <= confirmationBox.Y, "the emergency message is not above the confirmation");
        await Expect(page.Confirmation.GetByText(ReferencePattern())).ToBeVisibleAsync();
        await ScreenshotAsync(session.Page, $"intake-{language}-390-urgent-confirmation.png");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task OrdinaryRequest_ShowsNoEmergencyMessage_AndFocusesTheConfirmation(string language)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);

        await page.SendAnsweredAsync(urgent: false);

        await Expect(page.ConfirmationTitle).ToBeFocusedAsync();
        await Expect(page.UrgentConfirmation).ToBeHiddenAsync();
        await Expect(page.UrgentHelp).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UrgentConfirmation_FollowsTheLanguageSwitch()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        await page.SendAnsweredAsync(urgent: true);
        await Expect(page.UrgentConfirmation).ToBeVisibleAsync();

        await page.SwitchLanguageAsync();

        await Expect(page.UrgentConfirmation).ToBeVisibleAsync();
        await Expect(page.UrgentConfirmation).ToContainTextAsync("suicide prevention");
    }

    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex ReferencePattern();
}
