using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Site;

/// <summary>
/// What every page of the site has (an icon, a footer with the contact address and the privacy page), and the
/// privacy page itself (charter §3.12, GDPR Art. 13), in French and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SitePageTests(BrowserApp app)
{
    private const string ContactAddress = "contact@solidaire.example";

    [Theory]
    [InlineData("/")]
    [InlineData("/?lang=en")]
    [InlineData("/privacy.html")]
    [InlineData("/privacy.html?lang=en")]
    public async Task PageLoad_DeclaresAnIcon_AndNoRequestFails(string path)
    {
        await using var session = await app.OpenAsync();
        var failures = new List<string>();
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                lock (failures)
                    failures.Add($"{response.Status} {response.Url}");
        };
        session.Page.RequestFailed += (_, request) =>
        {
            lock (failures)
                failures.Add($"failed {request.Url}");
        };

        await session.Page.GotoAsync(path);
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var icon = await session.Page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(icon), "the page declares no icon");
        var iconAnswer = await session.Context.APIRequest.GetAsync(new Uri(new Uri(session.Page.Url), icon).ToString());
        Assert.Equal(200, iconAnswer.Status);
        Assert.StartsWith("image/", iconAnswer.Headers["content-type"], StringComparison.Ordinal);
        lock (failures)
            Assert.Empty(failures);
    }

    [Theory]
    [InlineData("/", "fr")]
    [InlineData("/?lang=en", "en")]
    [InlineData("/privacy.html", "fr")]
    [InlineData("/privacy.html?lang=en", "en")]
    public async Task EveryPage_HasAFooter_WithTheContactAddress_AndALinkToThePrivacyPageInItsLanguage(string path, string language)
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(path);
        var texts = SiteTexts.For(language);
        var footer = session.Page.GetByRole(AriaRole.Contentinfo);

        await Expect(footer.GetByRole(AriaRole.Link, new() { Name = ContactAddress, Exact = true })).ToHaveAttributeAsync("href", "mailto:" + ContactAddress);
        await footer.GetByRole(AriaRole.Link, new() { Name = texts.PrivacyLink, Exact = true }).ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new Regex("/privacy\\.html"));
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(texts.PrivacyHeading);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task PrivacyPage_SaysWhatIsKept_Why_ForHowLong_AndHowToAskForErasure(string language)
    {
        await using var session = await app.OpenAsync(320, 640);
        await session.Page.GotoAsync(language == "fr" ? "/privacy.html" : "/privacy.html?lang=en");
        var texts = SiteTexts.For(language);
        var shown = session.Page.Locator($"main [data-lang='{language}']");

        await Expect(shown).ToBeVisibleAsync();
        await Expect(session.Page.Locator($"main [data-lang='{(language == "fr" ? "en" : "fr")}']")).ToBeHiddenAsync();
        await Expect(session.Page).ToHaveTitleAsync(texts.PrivacyTitle);
        foreach (var statement in texts.PrivacyStatements)
            await Expect(shown).ToContainTextAsync(statement);
        await Expect(shown.GetByRole(AriaRole.Link, new() { Name = ContactAddress, Exact = true }).First).ToHaveAttributeAsync("href", "mailto:" + ContactAddress);
        Assert.True(await ScrollWidthAsync(session.Page) <= 320, $"the privacy page scrolls sideways at 320 px ({language})");
        await ScreenshotAsync(session.Page, $"privacy-{language}-320.png");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task PrivacyPage_HasNoWcagViolation(string language)
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(language == "fr" ? "/privacy.html" : "/privacy.html?lang=en");
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);

        await AssertNoWcagViolationAsync(session.Page, language + ", privacy page");
    }

    [Theory]
    [InlineData("fr", "effacée 400 jours après")]
    [InlineData("en", "deleted 400 days later")]
    public async Task PrivacyPage_StatesThePeriodsInForce_WhereAnOperatorChangedOne(string language, string statement)
    {
        // This app runs with Retention:AccessLogDays = 400 (BrowserApp); the page is written with the default, 365.
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(language == "fr" ? "/privacy.html" : "/privacy.html?lang=en");

        await Expect(session.Page.Locator($"main [data-lang='{language}']")).ToContainTextAsync(statement);
    }

    [Fact]
    public async Task PrivacyPage_LanguageSwitch_ShowsTheOtherLanguage_AndTheFormLinkKeepsIt()
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync("/privacy.html");

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SiteTexts.English.PrivacyHeading);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "← Ask for support", Exact = true }).ClickAsync();
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Send my request", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>What the footer and the privacy page say, in each language.</summary>
    private sealed record SiteTexts(string PrivacyLink, string PrivacyHeading, string PrivacyTitle, string[] PrivacyStatements)
    {
        public static readonly SiteTexts French = new(
            PrivacyLink: "Vos données personnelles : ce que nous gardons, combien de temps, comment les effacer",
            PrivacyHeading: "Vos données personnelles",
            PrivacyTitle: "Vos données personnelles — Solidaire",
            PrivacyStatements:
            [
                "Le collectif Solidaire", // controller
                "votre prénom, votre nom et votre adresse email", // what is kept: the form's fields
                "Uniquement pour répondre à votre demande et organiser votre accompagnement",
                "La base légale est votre consentement",
                "Les personnes qui coordonnent le collectif, et le·la coach qui vous accompagne",
                "Twilio SendGrid, qui achemine nos emails", // processors named, and the transfer outside the EU said
                "détruite 90 jours après sa dernière modification",
                "détruites 180 jours après sa clôture",
                "5 ans après la clôture",
                "détruit 3 ans après sa clôture",
                "30 jours",
                "écrivez à contact@solidaire.example",
                "réclamation à la CNIL",
            ]);

        public static readonly SiteTexts English = new(
            PrivacyLink: "Your personal data: what we keep, for how long, how to erase it",
            PrivacyHeading: "Your personal data",
            PrivacyTitle: "Your personal data — Solidaire",
            PrivacyStatements:
            [
                "The Solidaire collective",
                "your first name, last name and email address",
                "Only to answer your request and organise your coaching",
                "The legal basis is your consent",
                "The collective's coordinators, and the coach who works with you",
                "Twilio SendGrid, which delivers our emails",
                "destroyed 90 days after its last change",
                "destroyed 180 days after it closes",
                "for 5 years after the coaching closes",
                "destroyed 3 years after it is closed",
                "30 days",
                "write to contact@solidaire.example",
                "complain to the CNIL",
            ]);

        public static SiteTexts For(string language) => language == "fr" ? French : English;
    }
}
