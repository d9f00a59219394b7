using System.Text.RegularExpressions;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// The contract in the coach's engagement screen (issue 9, console): issued from the form, its status as the
/// client opens and signs it by the emailed link, then the contribution the client chose and both answers
/// (§2, §3.3, §3.14). The client's side is driven through the API, as contract.html calls it.
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffContractTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    [Fact]
    public async Task Coach_IssuesTheContractFromTheConsole_AndOnceTheClientSigns_SeesTheContributionAndBothAnswers()
    {
        var staged = await _mail.EngagementAsync();
        await using var session = await app.OpenAsync();
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.ContractTexts;
        await Expect(coach.ContractPanel).ToContainTextAsync(texts.None);

        var token = await _mail.NextContractLinkTokenAsync(staged.ClientEmail, () =>
            coach.IssueContractAsync("72,50", "3", texts.Phone, "Bonjour Jeanne,\nau plaisir de vous accompagner."));

        await Expect(coach.ContractPanel).ToContainTextAsync(string.Format(texts.Sent, 1));
        await Expect(coach.ContractFact(texts.Status)).ToHaveTextAsync(texts.IssuedOrEmailed);
        await Expect(coach.ContractFact(texts.Version)).ToHaveTextAsync("1");
        // Once the link email has left, the console says so (the status is read when the screen loads).
        for (var i = 0; i < 40 && await coach.ContractFact(texts.Status).TextContentAsync() != texts.Emailed; i++)
        {
            await Task.Delay(250);
            await coach.Page.ReloadAsync();
        }
        await Expect(coach.ContractFact(texts.Status)).ToHaveTextAsync(texts.Emailed);
        // What the form sent is what the client reads.
        var (status, contract) = await _mail.ReadContractAsync(token);
        Assert.Equal(200, status);
        Assert.Equal(72.50m, contract.GetProperty("usualPricePerSessionEur").GetDecimal());
        Assert.Equal(3, contract.GetProperty("sessionsPlanned").GetInt32());
        Assert.Contains("par téléphone", contract.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("au plaisir de vous accompagner", contract.GetProperty("text").GetString(), StringComparison.Ordinal);
        await coach.Page.ReloadAsync();
        await Expect(coach.ContractFact(texts.Status)).ToHaveTextAsync(texts.Opened);

        await _mail.SignContractAsync(token, new { kind = "financial", amountEur = 45.5m }, supervisionConsent: false);
        await coach.Page.ReloadAsync();

        await Expect(coach.ContractPanel).ToContainTextAsync(texts.SignedOn);
        await Expect(coach.ContractFact(texts.Contribution)).ToHaveTextAsync(new Regex(@"^45,50\s€$"));
        await Expect(coach.ContractFact(texts.Understood)).ToHaveTextAsync(texts.Yes);
        await Expect(coach.ContractFact(texts.Supervision)).ToHaveTextAsync(texts.No);
        await Expect(coach.Button(texts.Reissue)).ToHaveCountAsync(0);
        Assert.Empty(coach.FailedAnswers());
    }

    [Fact]
    public async Task ContractForm_WithPriceZeroAndFiveSessions_ShowsAnErrorAtEachField_AndSendsNothing()
    {
        var staged = await _mail.EngagementAsync();
        await using var session = await app.OpenAsync(width: 390, height: 844);
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.ContractTexts;

        await coach.IssueContractAsync("0", "5");

        await Expect(coach.ErrorSummary).ToContainTextAsync("Il reste 2 points à corriger");
        await Expect(coach.Field(texts.Price)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(coach.Field(texts.Price)).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(texts.PriceInvalid)));
        await Expect(coach.Field(texts.Sessions)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(coach.Field(texts.Sessions)).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(texts.SessionsInvalid)));
        await coach.Page.ReloadAsync();
        await Expect(coach.ContractPanel).ToContainTextAsync(texts.None);
        Assert.Empty(coach.FailedAnswers());
    }

    [Fact]
    public async Task ProposedEngagement_SaysTheContractComesAfterTheConfirmation_AndOffersNoForm()
    {
        var staged = await _mail.EngagementAsync(confirm: false);
        await using var session = await app.OpenAsync();
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.ContractTexts;

        await Expect(coach.ContractPanel).ToContainTextAsync(texts.NotYet);
        await Expect(coach.Field(texts.Price)).ToHaveCountAsync(0);
        Assert.Empty(coach.FailedAnswers());
    }

    [Fact]
    public async Task Coach_SendsANewVersion_AndOnlyTheNewLinkOpensIt()
    {
        var staged = await _mail.EngagementAsync();
        await using var session = await app.OpenAsync();
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.ContractTexts;
        var first = await _mail.NextContractLinkTokenAsync(staged.ClientEmail, () => coach.IssueContractAsync("90", "2"));
        await Expect(coach.ContractFact(texts.Version)).ToHaveTextAsync("1");

        var second = await _mail.NextContractLinkTokenAsync(staged.ClientEmail, () => coach.IssueContractAsync("60", "4", reissue: true));

        await Expect(coach.ContractPanel).ToContainTextAsync(string.Format(texts.Sent, 2));
        await Expect(coach.ContractFact(texts.Version)).ToHaveTextAsync("2");
        Assert.Equal(410, (await _mail.ReadContractAsync(first)).Status);
        var (status, contract) = await _mail.ReadContractAsync(second);
        Assert.Equal(200, status);
        Assert.Equal(240m, contract.GetProperty("maxAmountEur").GetDecimal());
        Assert.Empty(coach.FailedAnswers());
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task ContractPanelStates_HaveNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var staged = await _mail.EngagementAsync(clientLanguage: language);
        await using var session = await app.OpenAsync(width, height);
        var coach = await _mail.CoachOnEngagementAsync(session, staged, language);
        var texts = coach.ContractTexts;
        await Expect(coach.Field(texts.Price)).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"contract-form-{language}-{width}");

        await coach.IssueContractAsync("0", "5");
        await Expect(coach.ErrorSummary).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"contract-errors-{language}-{width}");

        var token = await _mail.NextContractLinkTokenAsync(staged.ClientEmail, () => coach.IssueContractAsync("90", "2"));
        await Expect(coach.ContractFact(texts.Status)).ToHaveTextAsync(texts.IssuedOrEmailed);
        await coach.AssertScreenAsync($"contract-issued-{language}-{width}");

        const string Proofreading = "I will proofread the collective's newsletter.";
        object counterpart = language == "en" ? new { kind = "non_financial", description = Proofreading } : new { kind = "financial", amountEur = 1m };
        await _mail.SignContractAsync(token, counterpart, supervisionConsent: true);
        await coach.Page.ReloadAsync();
        if (language == "en")
            await Expect(coach.ContractFact(texts.Contribution)).ToHaveTextAsync(texts.NonFinancial + Proofreading);
        else
            await Expect(coach.ContractFact(texts.Contribution)).ToHaveTextAsync(new Regex(@"^1,00\s€$"));
        await Expect(coach.ContractFact(texts.Supervision)).ToHaveTextAsync(texts.Yes);
        await coach.AssertScreenAsync($"contract-signed-{language}-{width}");

        Assert.DoesNotContain("counterpart", await coach.Main.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(coach.FailedAnswers());
    }
}
