using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Contract;

/// <summary>
/// The client signs their contract from the emailed link (issue 9, "Signing" and "Page"): the real app, the
/// contract issued through the API, the link followed from the pickup folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContractSigningTests(BrowserApp app)
{
    [Fact]
    public async Task FromTheEmailedLink_TheClientReads_ChoosesOneEuro_AndSigns_InFrench()
    {
        var (stage, link) = await ContractStage.IssuedAsync(app);
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "fr");

        await page.FollowAsync(link);

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Heading);
        await page.AssertTokenNotKeptAsync(link);
        await Expect(page.Main).ToContainTextAsync(stage.CoachName + ", coach certifié·e");
        await Expect(page.Main).ToContainTextAsync("Contrat d'accompagnement de soutien solidaire");
        await Expect(session.Page.Locator("#terms-total")).ToHaveTextAsync("270,00\u202f€");
        // The coach's message keeps its line break.
        var message = session.Page.Locator(".contract-paragraph", new() { HasText = "Au plaisir de vous accompagner." });
        Assert.Equal("pre-line", await message.EvaluateAsync<string>("p => getComputedStyle(p).whiteSpace"));
        await Expect(message).ToHaveTextAsync("Au plaisir de vous accompagner.\nÀ bientôt.");

        await page.FillAsync(amount: "1", supervision: true);
        await page.SignAsync();

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.SignedHeading);
        var signed = session.Page.Locator("#signed");
        await Expect(signed.GetByRole(AriaRole.Heading, new() { Name = page.Texts.SignedNow })).ToBeFocusedAsync();
        await Expect(session.Page.Locator("#signed-contribution")).ToHaveTextAsync("une somme de 1,00\u202f€");
        await Expect(session.Page.Locator("#signed-supervision")).ToHaveTextAsync("oui, vous l'acceptez");
        await Expect(session.Page.Locator("#signed-understood")).ToContainTextAsync("oui");
        await Expect(session.Page.Locator("#signed-date")).ToContainTextAsync(DateTime.Now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(signed).ToContainTextAsync(page.Texts.EmailCopy);
        var email = await stage.SignedEmailAsync("signé");
        Assert.Contains("1,00", email.Text, StringComparison.Ordinal);
        await page.AssertTokenNotKeptAsync(link);
        Assert.Empty(page.Failures());
    }

    [Fact]
    public async Task ASecondClient_ChoosesANonFinancialContribution_InEnglish_AndNoEnglishTextSaysCounterpart()
    {
        var (stage, link) = await ContractStage.IssuedAsync(app, "en");
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "en");

        await page.FollowAsync(link);

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Heading);
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Main).ToContainTextAsync(stage.CoachName + ", certified coach");
        await page.FillAsync(description: "I will proofread the collective's newsletter.", supervision: false);
        await Expect(session.Page.Locator("#description-count")).ToHaveTextAsync("45 characters of 500.");
        Assert.DoesNotContain("counterpart", await session.Page.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
        await page.SignAsync();

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.SignedHeading);
        await Expect(session.Page.Locator("#signed-contribution")).ToHaveTextAsync("non-financial: I will proofread the collective's newsletter.");
        await Expect(session.Page.Locator("#signed-supervision")).ToHaveTextAsync("no, you do not agree");
        Assert.DoesNotContain("counterpart", await session.Page.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
        var email = await stage.SignedEmailAsync("signed");
        Assert.Contains("I will proofread", email.Text, StringComparison.Ordinal);
        Assert.Empty(page.Failures());
    }

    [Fact]
    public async Task TheLanguageSwitch_ChangesThePagesOwnTexts_NotTheContract()
    {
        var (_, link) = await ContractStage.IssuedAsync(app);
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "fr");
        await page.FollowAsync(link);
        await page.FillAsync(amount: "12,50", name: null);

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        page.Language = "en";

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Heading);
        await Expect(page.Field(page.Texts.Amount)).ToHaveValueAsync("12,50");
        await Expect(session.Page.Locator("#contract-text")).ToHaveAttributeAsync("lang", "fr");
        await Expect(session.Page.Locator("#contract-title")).ToHaveTextAsync("Contrat d'accompagnement de soutien solidaire");
        Assert.Empty(page.Failures());
    }

    [Fact]
    public async Task Refusals_AreShownNextToTheirField_AndInAFocusedSummary_ThenTheClientSigns()
    {
        var (_, link) = await ContractStage.IssuedAsync(app);
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "fr");
        await page.FollowAsync(link);
        var texts = page.Texts;

        await page.SignAsync();
        await Expect(page.ErrorSummary).ToBeFocusedAsync();
        foreach (var expected in new[] { texts.KindRequired, texts.UnderstoodRequired, texts.SupervisionRequired, texts.NameRequired })
            await Expect(page.ErrorSummary).ToContainTextAsync(expected);
        await page.FillAsync(amount: "0");

        foreach (var (amount, expected) in new[] { ("0", texts.BelowMinimum), ("270,01", texts.AboveMaximum), ("dix euros", texts.AmountInvalid) })
        {
            await page.Field(texts.Amount).FillAsync(amount);
            await page.SignAsync();
            await Expect(page.ErrorSummary).ToBeFocusedAsync();
            await Expect(page.ErrorSummary).ToContainTextAsync(expected);
            await Expect(session.Page.Locator("#amount-error")).ToHaveTextAsync(expected);
            await Expect(page.Field(texts.Amount)).ToHaveAttributeAsync("aria-invalid", "true");
        }

        await page.Radio(texts.NonFinancial).CheckAsync();
        await page.SignAsync();
        await Expect(session.Page.Locator("#description-error")).ToHaveTextAsync(texts.DescriptionRequired);
        await Expect(page.ErrorSummary).ToContainTextAsync(texts.DescriptionRequired);

        await page.FillAsync(amount: "1,50", name: "Marie Curie");
        await page.SignAsync();
        await Expect(session.Page.Locator("#signatureName-error")).ToHaveTextAsync(texts.NameMismatch);
        await Expect(page.ErrorSummary).ToBeFocusedAsync();

        await page.Field(texts.SignatureName).FillAsync("DUPONT-LEFEVRE jeanne");
        await page.SignAsync();
        await Expect(session.Page.Locator("#signed-contribution")).ToHaveTextAsync("une somme de 1,50\u202f€");
        Assert.Empty(page.Failures(422));
    }

    [Fact]
    public async Task ALinkReplacedByAReissue_ShowsTheExpiredPage_AndTheNewLinkWorks()
    {
        var (stage, oldLink) = await ContractStage.IssuedAsync(app);
        var newLink = await stage.IssueAsync(new { sessionsPlanned = 2, usualPricePerSessionEur = 80 });
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "fr");

        await page.FollowAsync(oldLink);

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Expired);
        await Expect(page.Heading).ToBeFocusedAsync();
        await Expect(page.Main).ToContainTextAsync("demandez à votre coach de vous envoyer un nouveau lien");
        await Expect(page.Button(page.Texts.Retry)).ToBeHiddenAsync();
        await page.AssertTokenNotKeptAsync(oldLink);
        Assert.Empty(page.Failures(410));

        await page.FollowAsync(newLink);
        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Heading);
        await Expect(session.Page.Locator("#terms-total")).ToHaveTextAsync("160,00\u202f€");
    }

    [Fact]
    public async Task SigningTwice_FromTwoTabs_ShowsAlreadySigned_AndTheLinkThenShowsWhatWasAgreed()
    {
        var (_, link) = await ContractStage.IssuedAsync(app);
        await using var first = await app.OpenAsync();
        await using var second = await app.OpenAsync();
        var one = new ContractPage(first.Page, "fr");
        var other = new ContractPage(second.Page, "fr");
        await one.FollowAsync(link);
        await other.FollowAsync(link);

        await one.FillAsync(amount: "30");
        await one.SignAsync();
        await Expect(one.Heading).ToHaveTextAsync(one.Texts.SignedHeading);
        await other.FillAsync(amount: "5", supervision: false);
        await other.SignAsync();

        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = other.Texts.SignedBefore })).ToBeFocusedAsync();
        await Expect(other.Page.Locator("#signed-contribution")).ToHaveTextAsync("une somme de 30,00\u202f€");
        await Expect(other.Page.Locator("#signed-supervision")).ToHaveTextAsync("oui, vous l'acceptez");
        Assert.Empty(other.Failures(409));

        await using var later = await app.OpenAsync();
        var again = new ContractPage(later.Page, "fr");
        await again.FollowAsync(link);
        await Expect(again.Page.GetByRole(AriaRole.Heading, new() { Name = again.Texts.SignedBefore })).ToBeVisibleAsync();
        await Expect(again.Page.Locator("#signed-name")).ToHaveTextAsync(ContractStage.ClientName);
        Assert.Empty(again.Failures());
    }

    [Theory]
    [InlineData("/contract.html#token=not-a-token", 401)]
    [InlineData("/contract.html", 0)]
    public async Task NotALink_ShowsItsOwnPage(string address, int status)
    {
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "fr");

        await page.FollowAsync(address);

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Invalid);
        await Expect(page.Main).ToContainTextAsync("Ouvrez le lien tel qu'il figure dans l'email reçu");
        Assert.Empty(page.Failures(status));
    }

    [Fact]
    public async Task WhenTheServiceIsUnavailable_ThePageSaysSo_AndTryingAgainShowsTheContract()
    {
        var (_, link) = await ContractStage.IssuedAsync(app);
        await using var session = await app.OpenAsync();
        var page = new ContractPage(session.Page, "fr");
        var refused = 0;
        await session.Page.RouteAsync("**/api/client/contract", async route =>
        {
            if (Interlocked.Increment(ref refused) == 1)
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"status":503,"code":"storage_unavailable"}""" });
            else
                await route.ContinueAsync();
        });

        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Unavailable);
        await page.Button(page.Texts.Retry).ClickAsync();

        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Heading);
        Assert.Empty(page.Failures(503));
    }
}
