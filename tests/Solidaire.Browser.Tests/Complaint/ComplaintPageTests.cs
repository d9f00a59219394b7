using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Complaint;

/// <summary>
/// The public complaint page (rule 12, charter §1, §4.8): reached from every page's footer, sent for real to
/// the API, and free of WCAG 2.1 A/AA violations (axe-core) in French and English at 320 px and 1280 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ComplaintPageTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task ComplaintPage_BlankWithErrorsAndSent_HasNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var texts = ComplaintPageTexts.For(language);
        await using var session = await app.OpenAsync(width, height);
        var page = session.Page;
        await page.GotoAsync(language == "fr" ? "/complaint.html" : "/complaint.html?lang=en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page).ToHaveTitleAsync(texts.Title);
        await AssertScreenAsync(page, $"complaint-{language}-{width}", width);

        await page.GetByRole(AriaRole.Button, new() { Name = texts.Submit, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(texts.DescriptionRequired);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(texts.EmailRequired);
        await AssertScreenAsync(page, $"complaint-{language}-{width}-errors", width);

        var email = $"plaignant.{Guid.NewGuid():N}@example.org";
        await page.GetByLabel(texts.Description, new() { Exact = true }).FillAsync("Le coach m'a demandé de le payer en dehors du programme, contre la charte.");
        await page.GetByLabel(texts.Member, new() { Exact = true }).FillAsync("Dominique Exemple");
        await page.GetByLabel(texts.Email, new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = texts.Submit, Exact = true }).ClickAsync();

        var doneTitle = page.GetByRole(AriaRole.Heading, new() { Name = texts.DoneTitle, Exact = true });
        await Expect(doneTitle).ToBeFocusedAsync();
        var reference = await page.Locator("#reference").TextContentAsync();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        await AssertScreenAsync(page, $"complaint-{language}-{width}-sent", width);
        // It reached the referents' pickup email, and the complainant's acknowledgement is in the page's language.
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == "ethique@solidaire.test" && m.Subject.Contains(reference!, StringComparison.Ordinal));
        var ack = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == email);
        Assert.Equal(language, ack.Language);
    }

    [Theory]
    [InlineData("/", "fr")]
    [InlineData("/?lang=en", "en")]
    [InlineData("/privacy.html", "fr")]
    [InlineData("/privacy.html?lang=en", "en")]
    public async Task EveryPagesFooter_LinksToTheComplaintPage_InItsLanguage(string path, string language)
    {
        var texts = ComplaintPageTexts.For(language);
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(path);

        await session.Page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = texts.FooterLink, Exact = true }).ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new Regex("/complaint\\.html"));
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(texts.Heading);
    }

    private static async Task AssertScreenAsync(IPage page, string name, int width)
    {
        await AssertNoWcagViolationAsync(page, name);
        Assert.True(await ScrollWidthAsync(page) <= width, $"{name} scrolls sideways");
        await ScreenshotAsync(page, name + ".png");
    }

    /// <summary>What the complaint page says, in each language.</summary>
    private sealed record ComplaintPageTexts(
        string Title, string Heading, string Submit, string Description, string Member, string Email,
        string DescriptionRequired, string EmailRequired, string DoneTitle, string FooterLink)
    {
        public static ComplaintPageTexts For(string language) => language == "en"
            ? new("Make a complaint — Solidaire", "Make a complaint", "Send my complaint", "What happened (required)",
                "Name of the member concerned (optional)", "Email address (required)", "Describe what happened.",
                "Type your email address, so that the referents can answer you.", "Thank you, your complaint has reached us",
                "Complain about a member's conduct")
            : new("Faire une réclamation — Solidaire", "Faire une réclamation", "Envoyer ma réclamation", "Ce qui s'est passé (obligatoire)",
                "Nom du membre concerné (facultatif)", "Adresse email (obligatoire)", "Décrivez ce qui s'est passé.",
                "Saisissez votre adresse email, pour que les référent·es puissent vous répondre.", "Merci, votre réclamation est bien arrivée",
                "Faire une réclamation sur la conduite d'un membre");
    }
}
