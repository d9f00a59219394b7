using Solidaire.Browser.Tests.Harness;
using Solidaire.Browser.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Feedback;

/// <summary>
/// The client's feedback page (issue 10, §5.9), opened from the closure's link: the three scales and the
/// comment, its errors, the thanks, and its own pages for a link already answered, expired, not a link,
/// or a service unavailable; axe-core (WCAG 2.1 A/AA) and no sideways scroll on each, in French and
/// English, at 320 and 1280 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedbackPageTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task EveryScreen_HasNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var stage = await FeedbackStage.EngagedAsync(app, language);
        var link = stage.Link();
        await using var session = await app.OpenAsync(width, height);
        var page = new FeedbackPage(session.Page, language);
        var texts = page.Texts;
        var suffix = $"{language}-{width}";

        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(texts.Heading);
        await page.AssertScreenAsync($"form-{suffix}");

        await page.SendAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(texts.ListenedRequired);
        await Expect(page.Group(texts.Listened).GetByRole(Microsoft.Playwright.AriaRole.Radio).First).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertScreenAsync($"errors-{suffix}");

        await page.RateAllAsync(5, 4, 5);
        await page.Comment.FillAsync(new string('a', 2001));
        await page.SendAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(texts.CommentTooLong);
        await page.AssertScreenAsync($"errors-comment-{suffix}");

        await page.Comment.FillAsync("Merci pour votre écoute.");
        await page.SendAsync();
        await Expect(session.Page.Locator("#thanks-title")).ToHaveTextAsync(texts.Thanks);
        await Expect(session.Page.Locator("#thanks-title")).ToBeFocusedAsync();
        await page.AssertScreenAsync($"thanks-{suffix}");

        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(texts.Answered);
        await page.AssertScreenAsync($"answered-{suffix}");

        await page.FollowAsync(stage.Link(daysAgo: 31));
        await Expect(page.Heading).ToHaveTextAsync(texts.Expired);
        await page.AssertScreenAsync($"expired-{suffix}");

        var lang = language == "fr" ? "" : "?lang=en";
        await page.FollowAsync($"/feedback.html{lang}#token=not-a-token");
        await Expect(page.Heading).ToHaveTextAsync(texts.Invalid);
        await page.AssertScreenAsync($"invalid-{suffix}");

        await session.Page.RouteAsync("**/api/client/feedback", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = """{"status":503,"code":"storage_unavailable"}""",
        }));
        await page.FollowAsync($"/feedback.html{lang}#token=anything");
        await Expect(page.Heading).ToHaveTextAsync(texts.Unavailable);
        await page.AssertScreenAsync($"unavailable-{suffix}");

        Assert.Empty(page.Failures(401, 410, 503));
    }

    [Fact]
    public async Task TheClientAnswersInTheirLanguage_TheTokenLeavesTheAddress_AndTheCoachSeesOneAnswerButNoAverageYet()
    {
        var stage = await FeedbackStage.EngagedAsync(app, "en");
        var link = stage.Link();
        await using var session = await app.OpenAsync();
        var page = new FeedbackPage(session.Page, "en");

        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(page.Texts.Heading); // the client wrote in English: the page says so without ?lang
        await page.AssertTokenNotKeptAsync(link);

        await page.RateAllAsync(4, 3, 5);
        await page.SendAsync();
        await Expect(session.Page.Locator("#thanks-title")).ToHaveTextAsync(page.Texts.Thanks);
        // The title's text is in the page, hidden, from the start: its focus is what says the answer came
        // back. Without it the coach's sign-in below could leave the page while the answer was on its way.
        await Expect(session.Page.Locator("#thanks-title")).ToBeFocusedAsync();
        Assert.Empty(page.Failures());

        var coach = await StaffConsole.OpenAsync(session.Page, "en");
        await coach.FollowAsync(await new StaffMail(app).SignInLinkAsync(stage.Engagement.CoachEmail));
        var panel = session.Page.GetByRole(Microsoft.Playwright.AriaRole.Region, new() { Name = "What clients say", Exact = true });
        for (var i = 0; i < 40 && !(await panel.TextContentAsync() ?? "").Contains("1 answer.", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250); // the answer's numbers are indexed just after it is saved
            await session.Page.ReloadAsync();
        }
        await Expect(panel).ToContainTextAsync("1 answer. No averages yet: they show from 3 answers on");
        await coach.AssertScreenAsync("feedback-not-yet-en-1280");
    }
}
