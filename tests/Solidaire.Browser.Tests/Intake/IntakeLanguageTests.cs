using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>French by default; the English switch changes the page in place and is remembered.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeLanguageTests(BrowserApp app)
{
    [Fact]
    public async Task Page_IsFrenchByDefault_WithUrgentHelpOnTheForm()
    {
        await using var session = await app.OpenAsync();

        var page = await IntakePage.OpenAsync(session.Page, "fr");

        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Submit).ToBeVisibleAsync();
        await Expect(page.ReplyIn("Français")).ToBeCheckedAsync();
        await Expect(page.UrgentHelp).ToContainTextAsync("3114");
        await Expect(page.UrgentHelp).ToContainTextAsync("15");
        await Expect(page.UrgentHelp).ToContainTextAsync("112");
        await Expect(page.UrgentHelp.GetByRole(AriaRole.Link, new() { Name = "3114", Exact = true })).ToHaveAttributeAsync("href", "tel:3114");
    }

    [Fact]
    public async Task LanguageSwitch_KeepsWhatWasTyped_AndIsRememberedOnTheNextVisit()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        await page.FirstName.FillAsync("Camille");

        await page.SwitchLanguageAsync();

        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(session.Page).ToHaveTitleAsync("Ask for support — Solidaire");
        await Expect(page.FirstName).ToHaveValueAsync("Camille");
        await Expect(page.LanguageSwitch).ToHaveAttributeAsync("href", "?lang=fr");

        await session.Page.GotoAsync(IntakePage.Path);

        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Submit).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ReplyLanguage_ChosenByThePerson_IsKeptWhenThePageLanguageChanges()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");

        await page.ReplyIn("English").CheckAsync();
        await page.SwitchLanguageAsync();
        await page.SwitchLanguageAsync();

        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.ReplyIn("English")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task ReplyLanguage_ClickedWhileAlreadySelected_IsKeptWhenThePageLanguageChanges()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");

        await page.ReplyIn("Français").ClickAsync(); // the person confirms French, which the page had ticked
        await page.SwitchLanguageAsync();

        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.ReplyIn("Français")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task ReplyLanguage_NotTouched_FollowsThePageLanguage()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");

        await page.SwitchLanguageAsync();

        await Expect(page.ReplyIn("English")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task EnglishTexts_SayContribution_NeverCounterpart()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "en");

        await page.SendAnsweredAsync(urgent: false);

        await Expect(page.Confirmation).ToContainTextAsync("a contribution that you choose freely");
        var englishTexts = await session.Page.EvaluateAsync<string>("() => JSON.stringify(window.SolidaireText.en)");
        Assert.DoesNotContain("counterpart", englishTexts, StringComparison.OrdinalIgnoreCase);
        await session.Page.GotoAsync("/privacy.html?lang=en");
        Assert.DoesNotContain("counterpart", await session.Page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
