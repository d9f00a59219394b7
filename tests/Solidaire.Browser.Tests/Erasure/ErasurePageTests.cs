using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Core.Tokens;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Erasure;

/// <summary>
/// Erasure on request in the browser (issue 11, GDPR Art. 17): the form, the emailed link, what will go and
/// what will stay, the confirmation and its result; its own pages for a link already used, expired or not a
/// link; axe-core (WCAG 2.1 A/AA) and no sideways scroll on each, in French and English, at 320 and 1280 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ErasurePageTests(BrowserApp app)
{
    private async Task SubmitIntakeAsync(string email, string language)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var answer = await client.PostAsJsonAsync("/api/intakes", IntakeSamples.Valid(email, language));
        Assert.Equal(202, (int)answer.StatusCode);
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 1280, 900)]
    public async Task ThePersonAsks_FollowsTheEmailedLink_SeesWhatGoesAndWhatStays_Confirms_AndIsTold(string language, int width, int height)
    {
        var email = $"erasure.{language}.{Guid.NewGuid():N}@example.org";
        await SubmitIntakeAsync(email, language);
        await using var session = await app.OpenAsync(width, height);
        var page = new ErasurePage(session.Page, language);
        var texts = page.Texts;
        var suffix = $"{language}-{width}";

        await session.Page.GotoAsync(language == "fr" ? "/erasure.html" : "/erasure.html?lang=en");
        await Expect(page.Heading).ToHaveTextAsync(texts.Heading);
        await page.AssertScreenAsync($"request-{suffix}");

        await page.Email.FillAsync("not an address");
        await page.AskAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(texts.EmailInvalid);
        await Expect(page.Email).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertScreenAsync($"request-errors-{suffix}");

        await page.Email.FillAsync(email);
        await page.AskAsync();
        await Expect(session.Page.Locator("#requested-title")).ToHaveTextAsync(texts.Requested);
        await Expect(session.Page.Locator("#requested-title")).ToBeFocusedAsync();
        await page.AssertScreenAsync($"requested-{suffix}");

        var message = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == email && Link().IsMatch(m.Text));
        var link = Link().Match(message.Text).Value;
        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(texts.PreviewHeading);
        await page.AssertTokenNotKeptAsync(link);
        await Expect(page.Main).ToContainTextAsync(texts.Requests);
        await Expect(session.Page.Locator("#preview-kept")).ToHaveTextAsync(texts.Kept);
        await page.AssertScreenAsync($"preview-{suffix}");

        await page.ConfirmAsync();
        await Expect(session.Page.Locator("#done-title")).ToHaveTextAsync(texts.Done);
        await Expect(session.Page.Locator("#done-title")).ToBeFocusedAsync();
        await Expect(session.Page.Locator("#done-destroyed")).ToContainTextAsync(texts.Requests);
        await page.AssertScreenAsync($"done-{suffix}");
        var done = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == email && m.Subject == (language == "fr" ? "Vos données ont été effacées" : "Your data has been erased"));
        Assert.Contains(language == "fr" ? "demandes d'accompagnement : 1" : "requests for support: 1", done.Text, StringComparison.Ordinal);

        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(texts.Erased);
        await page.AssertScreenAsync($"erased-{suffix}");

        Assert.Empty(page.Failures(400, 409));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task ExpiredLinkAndNotALink_HaveTheirOwnPages_WithTheFormToAskAgain(string language)
    {
        await using var session = await app.OpenAsync(320, 640);
        var page = new ErasurePage(session.Page, language);
        var lang = language == "fr" ? "" : "?lang=en";
        var yesterday = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-25));
        var expired = app.Tokens(yesterday).Issue(TokenPurpose.ErasureLink, "c" + new string('0', 64), TimeSpan.FromHours(24)).Text;

        await page.FollowAsync($"/erasure.html{lang}#token={expired}");
        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Expired);
        await Expect(page.Email).ToBeVisibleAsync();
        await page.AssertScreenAsync($"expired-{language}");

        await page.FollowAsync($"/erasure.html{lang}#token=not-a-token");
        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Invalid);
        await page.AssertScreenAsync($"invalid-{language}");

        Assert.Empty(page.Failures(401, 410));
    }

    [Theory]
    [InlineData("fr", "Effacer mes données")]
    [InlineData("en", "Erase my data")]
    public async Task PrivacyPage_LinksToTheErasurePage_InItsLanguage(string language, string name)
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(language == "fr" ? "/privacy.html" : "/privacy.html?lang=en");

        await session.Page.Locator($"main [data-lang='{language}']").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new Regex("/erasure\\.html"));
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(session.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
    }

    [GeneratedRegex(@"https?://\S+/erasure\.html#token=[A-Za-z0-9_\-\.]+")]
    private static partial Regex Link();
}
