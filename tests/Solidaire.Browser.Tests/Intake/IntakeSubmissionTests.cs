using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>A person fills in and sends the intake page against the running app; the acknowledgement email arrives.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class IntakeSubmissionTests(BrowserApp app)
{
    [Fact]
    public async Task FrenchForm_FilledAndSent_ShowsReference_AndFrenchAcknowledgementArrives()
    {
        await using var session = await app.OpenAsync(width: 390, height: 844);
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        var person = Person.Unique("fr");

        await page.FillAsync(person);
        await page.Submit.ClickAsync();

        var reference = await ConfirmedReferenceAsync(page);
        var email = await AcknowledgementAsync(person, reference);
        Assert.Equal("fr", email.Language);
    }

    [Fact]
    public async Task EnglishForm_ReachedThroughLanguageSwitch_ShowsReference_AndEnglishAcknowledgementArrives()
    {
        await using var session = await app.OpenAsync(width: 390, height: 844);
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        var person = Person.Unique("en");

        await page.SwitchLanguageAsync();
        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.ReplyIn("English")).ToBeCheckedAsync();
        await page.FillAsync(person);
        await page.Submit.ClickAsync();

        var reference = await ConfirmedReferenceAsync(page);
        var email = await AcknowledgementAsync(person, reference);
        Assert.Equal("en", email.Language);
    }

    [Fact]
    public async Task PageHostedOnAnotherOrigin_SendsToTheConfiguredApi_AndShowsReference()
    {
        await using var session = await app.OpenAsync();
        var apiCalls = new List<string>(); // every POST the page makes
        session.Page.Request += (_, request) =>
        {
            if (request.Method == "POST")
                apiCalls.Add(request.Url);
        };
        await session.Page.GotoAsync(app.StaticSiteOrigin + "/");
        var page = new IntakePage(session.Page, "fr");
        var person = Person.Unique("fr");

        await page.FillAsync(person);
        await page.Submit.ClickAsync();

        var reference = await ConfirmedReferenceAsync(page);
        Assert.NotEqual(app.StaticSiteOrigin, app.BaseUrl);
        Assert.Equal([app.BaseUrl + "/api/intakes"], apiCalls);
        await AcknowledgementAsync(person, reference);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Confirmation_ChangesThePageHeadingAndTitle_ToRequestSent(string language)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);

        await page.SendAnsweredAsync(urgent: false);

        await Expect(page.PageHeading).ToHaveTextAsync(page.Texts.SentHeading);
        await Expect(session.Page).ToHaveTitleAsync(page.Texts.SentTitle);
        await page.SwitchLanguageAsync();
        await Expect(page.PageHeading).ToHaveTextAsync(page.Texts.SentHeading);
        await Expect(session.Page).ToHaveTitleAsync(page.Texts.SentTitle);
    }

    /// <summary>The confirmation a person sees: its heading takes the focus, the reference, and urgent help still in view.</summary>
    private static async Task<string> ConfirmedReferenceAsync(IntakePage page)
    {
        await Expect(page.ConfirmationTitle).ToBeVisibleAsync();
        await Expect(page.ConfirmationTitle).ToBeFocusedAsync();
        var reference = page.Confirmation.GetByText(ReferencePattern());
        await Expect(reference).ToBeVisibleAsync();
        await Expect(page.UrgentHelp).ToBeVisibleAsync();
        await Expect(page.UrgentHelp).ToContainTextAsync("3114");
        await Expect(page.Submit).ToBeHiddenAsync();
        await Expect(page.UrgentConfirmation).ToBeHiddenAsync(); // an ordinary situation: no emergency message
        return (await reference.TextContentAsync())!.Trim();
    }

    /// <summary>The acknowledgement email that reached the person, carrying the reference they were shown.</summary>
    private async Task<EmlMessage> AcknowledgementAsync(Person person, string reference)
    {
        var email = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To.Contains(person.Email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(reference, email.Text, StringComparison.Ordinal);
        return email;
    }

    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex ReferencePattern();
}
