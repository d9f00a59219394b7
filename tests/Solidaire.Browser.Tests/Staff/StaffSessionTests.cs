using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// Sessions and closure in the coach's engagement screen (issue 10, console): recorded, amended and removed
/// within the charter's limit (§3.5), the two ways on once it is reached (§3.23), and closing with an outcome
/// (§3.21, §5.1). The engagement is staged through the API up to the client's signature.
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffSessionTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    /// <summary>Sessions three days apart from three days on: clear of the signature day and of the spacing rule.</summary>
    private static DateOnly Day(int n) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3 * n);

    [Fact]
    public async Task Coach_RecordsFourSessions_AFifthIsRefusedWithTheTwoWaysOn_ThenClosesAsCompleted_AndTheFeedbackLinkWorksOnce()
    {
        var staged = await _mail.SignedEngagementAsync(sessionsPlanned: 4);
        await using var session = await app.OpenAsync();
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.SessionTexts;
        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Count, 0, 4));

        await coach.RecordSessionAsync(Day(1), "14:00", duration: "75", notes: "Parler du retour au travail.");
        await Expect(coach.SessionsPanel).ToContainTextAsync(texts.Recorded);
        var first = coach.SessionItem(1);
        await Expect(first.GetByRole(AriaRole.Heading)).ToContainTextAsync(new Regex(@"14:00 \(UTC[+-]\d\d:\d\d\)$"));
        await Expect(first).ToContainTextAsync("75 minutes");
        await Expect(first).ToContainTextAsync(texts.Private);
        await Expect(first).ToContainTextAsync("Parler du retour au travail.");
        await Expect(first.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("/solidaire-[A-Za-z0-9_-]+$"));
        for (var n = 2; n <= 3; n++)
            await RecordAsync(coach, n, 4);
        await Expect(coach.SessionsPanel.GetByRole(AriaRole.Heading, new() { Name = texts.LimitHeading })).ToHaveCountAsync(0);
        await RecordAsync(coach, 4, 4);
        // Said before the coach tries a fifth.
        await Expect(coach.SessionsPanel.GetByRole(AriaRole.Heading, new() { Name = texts.LimitHeading })).ToBeVisibleAsync();

        await coach.RecordSessionAsync(Day(5));

        await Expect(coach.ErrorSummary).ToContainTextAsync(texts.LimitRefused);
        await Expect(coach.Button(texts.WayClassic)).ToBeVisibleAsync();
        await Expect(coach.Button(texts.WayReferral)).ToBeVisibleAsync();
        await Expect(coach.SessionItems).ToHaveCountAsync(4);
        Assert.Equal([409], coach.FailedAnswers().Select(a => int.Parse(a[..3], System.Globalization.CultureInfo.InvariantCulture)));

        // The referral way leads to the closure form with that outcome chosen; the coach closes as completed instead.
        await coach.Button(texts.WayReferral).ClickAsync();
        await Expect(coach.Radio(texts.Referred)).ToBeCheckedAsync();
        await Expect(coach.Radio(texts.Referred)).ToBeFocusedAsync();
        await coach.Radio(texts.Completed).CheckAsync();
        await coach.Button(texts.Close).ClickAsync();
        var feedback = await _mail.NextFeedbackLinkTokenAsync(staged.ClientEmail, () => coach.Button(texts.CloseYes).ClickAsync());

        await Expect(coach.ClosurePanel).ToContainTextAsync(string.Format(texts.Closed, staged.Reference));
        // The thank-you's feedback link works once (§5.9).
        Assert.Equal(201, await _mail.AnswerFeedbackAsync(feedback));
        Assert.Equal(409, await _mail.AnswerFeedbackAsync(feedback));
        await Expect(coach.ClosurePanel.Locator($"dt:text-is(\"{texts.Outcome}\") + dd")).ToHaveTextAsync(texts.Completed);
        await coach.Page.ReloadAsync();
        await Expect(coach.Page.GetByRole(AriaRole.Heading, new() { Name = texts.ClosedHeading, Exact = true })).ToBeVisibleAsync();
        await Expect(coach.Main).ToContainTextAsync(texts.StatusClosed);
        await Expect(coach.SessionItems).ToHaveCountAsync(4);
        await Expect(coach.Button(texts.Record)).ToHaveCountAsync(0);
        await Expect(coach.Button(string.Format(texts.Amend, 1))).ToHaveCountAsync(0);
        await Expect(coach.Button(texts.Close)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Coach_AmendsAndRemovesASession_AndTheCountFollows()
    {
        var staged = await _mail.SignedEngagementAsync(sessionsPlanned: 3);
        await using var session = await app.OpenAsync(width: 390, height: 844);
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.SessionTexts;
        await RecordAsync(coach, 1, 3);
        await RecordAsync(coach, 2, 3);

        await coach.Button(string.Format(texts.Amend, 2)).ClickAsync();
        await Expect(coach.Page.GetByRole(AriaRole.Heading, new() { Name = string.Format(texts.AmendHeading, 2), Exact = true })).ToBeFocusedAsync();
        await Expect(coach.Field(texts.Time)).ToHaveValueAsync("14:00");
        await coach.RecordSessionAsync(Day(3), "10:30", duration: "45", amend: true);

        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Amended, 2));
        await Expect(coach.SessionItem(2).GetByRole(AriaRole.Heading)).ToContainTextAsync("10:30");
        await Expect(coach.SessionItem(2)).ToContainTextAsync("45 minutes");
        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Count, 2, 3));

        await coach.Button(string.Format(texts.Remove, 1)).ClickAsync();
        await coach.Button(texts.RemoveYes).ClickAsync();

        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Removed, 1));
        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Count, 1, 3));
        await Expect(coach.SessionItems).ToHaveCountAsync(1);
        await Expect(coach.SessionItem(1).GetByRole(AriaRole.Heading)).ToContainTextAsync("10:30");
        await coach.Page.ReloadAsync();
        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Count, 1, 3));
        Assert.Empty(coach.FailedAnswers());
    }

    [Fact]
    public async Task ASessionTooCloseToAnother_IsRefusedAtItsDateField_AndNothingIsRecorded()
    {
        var staged = await _mail.SignedEngagementAsync(sessionsPlanned: 3);
        await using var session = await app.OpenAsync();
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.SessionTexts;
        await RecordAsync(coach, 1, 3);

        await coach.RecordSessionAsync(Day(1), "18:00");

        await Expect(coach.ErrorSummary).ToContainTextAsync(texts.TooClose);
        await Expect(coach.Field(texts.Date)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(coach.Field(texts.Date)).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(texts.TooClose)));
        await coach.Page.ReloadAsync();
        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(texts.Count, 1, 3));
    }

    [Fact]
    public async Task ClosingAsReferredOutside_RequiresTheKindOfProfessional()
    {
        var staged = await _mail.SignedEngagementAsync(sessionsPlanned: 2);
        await using var session = await app.OpenAsync();
        var coach = await _mail.CoachOnEngagementAsync(session, staged);
        var texts = coach.SessionTexts;

        await coach.Radio(texts.Referred).CheckAsync();
        await coach.Radio(texts.External).CheckAsync();
        await coach.Button(texts.Close).ClickAsync();

        await Expect(coach.ErrorSummary).ToContainTextAsync(texts.ProfessionalRequired);
        await Expect(coach.Field(texts.Professional)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(coach.Field(texts.Professional)).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(texts.ProfessionalRequired)));
        await Expect(coach.Button(texts.CloseYes)).ToHaveCountAsync(0);

        await coach.Field(texts.Professional).FillAsync("psychologue du travail");
        await coach.Button(texts.Close).ClickAsync();
        await coach.Button(texts.CloseYes).ClickAsync();

        await Expect(coach.ClosurePanel.Locator($"dt:text-is(\"{texts.Outcome}\") + dd")).ToHaveTextAsync(texts.Referred);
        await Expect(coach.Button(texts.Record)).ToHaveCountAsync(0);
        Assert.Empty(coach.FailedAnswers());
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task SessionAndClosurePanels_HaveNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var staged = await _mail.SignedEngagementAsync(sessionsPlanned: 1, clientLanguage: language);
        await using var session = await app.OpenAsync(width, height);
        var coach = await _mail.CoachOnEngagementAsync(session, staged, language);
        var texts = coach.SessionTexts;
        await Expect(coach.Field(texts.Date)).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"sessions-form-{language}-{width}");

        await coach.RecordSessionAsync(null, "");
        await Expect(coach.ErrorSummary).ToContainTextAsync(texts.DateRequired);
        await coach.AssertScreenAsync($"sessions-errors-{language}-{width}");

        await coach.RecordSessionAsync(Day(1), notes: "Une note privée assez longue pour passer à la ligne sur un petit écran.");
        await Expect(coach.SessionsPanel.GetByRole(AriaRole.Heading, new() { Name = texts.LimitHeading })).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"sessions-limit-{language}-{width}");

        await coach.RecordSessionAsync(Day(2));
        await Expect(coach.ErrorSummary).ToContainTextAsync(texts.LimitRefused);
        await coach.AssertScreenAsync($"sessions-refused-{language}-{width}");

        await coach.Button(string.Format(texts.Remove, 1)).ClickAsync();
        await Expect(coach.Button(texts.RemoveYes)).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"sessions-remove-{language}-{width}");

        await coach.Button(texts.WayReferral).ClickAsync();
        await coach.Radio(texts.External).CheckAsync();
        await coach.Button(texts.Close).ClickAsync();
        await Expect(coach.ClosurePanel.GetByRole(AriaRole.Alert)).ToContainTextAsync(texts.ProfessionalRequired);
        await coach.AssertScreenAsync($"closure-errors-{language}-{width}");

        await coach.Field(texts.Professional).FillAsync(language == "en" ? "occupational psychologist" : "psychologue du travail");
        await coach.Button(texts.Close).ClickAsync();
        await Expect(coach.Button(texts.CloseYes)).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"closure-confirm-{language}-{width}");

        await coach.Button(texts.CloseYes).ClickAsync();
        await Expect(coach.Page.GetByRole(AriaRole.Heading, new() { Name = texts.ClosedHeading, Exact = true })).ToBeVisibleAsync();
        await coach.AssertScreenAsync($"closed-{language}-{width}");
    }

    /// <summary>Records session <paramref name="n"/> (14:00, on its day) and waits for the count to say so.</summary>
    private static async Task RecordAsync(StaffConsole coach, int n, int planned)
    {
        await coach.RecordSessionAsync(Day(n));
        await Expect(coach.SessionsPanel).ToContainTextAsync(string.Format(coach.SessionTexts.Count, n, planned));
    }
}
