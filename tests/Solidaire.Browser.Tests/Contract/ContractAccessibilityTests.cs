using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Contract;

/// <summary>
/// axe-core (WCAG 2.1 A and AA), no sideways scroll, and a screenshot for every screen of the contract page:
/// the contract, its errors (the page's and the server's), the confirmation, already signed, expired, not a
/// link, service unavailable; in French and English, at 320 px and 1280 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContractAccessibilityTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task EveryScreen_HasNoWcagViolation_AndNoSidewaysScroll(string language, int width, int height)
    {
        var (stage, oldLink) = await ContractStage.IssuedAsync(app, language);
        await using var session = await app.OpenAsync(width, height);
        var page = new ContractPage(session.Page, language);
        var texts = page.Texts;
        var suffix = $"{language}-{width}";

        await page.FollowAsync(oldLink);
        await Expect(page.Heading).ToHaveTextAsync(texts.Heading);
        await page.AssertScreenAsync($"reading-{suffix}");
        await page.SignAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(texts.KindRequired);
        await page.AssertScreenAsync($"errors-{suffix}");
        await page.FillAsync(description: "Court", supervision: false);
        await page.SignAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync("10");
        await page.AssertScreenAsync($"errors-description-{suffix}");

        var link = await stage.IssueAsync();
        await page.FollowAsync(oldLink);
        await Expect(page.Heading).ToHaveTextAsync(texts.Expired);
        await page.AssertScreenAsync($"expired-{suffix}");

        await page.FollowAsync(link);
        await page.FillAsync(amount: "1", name: "Marie Curie");
        await page.SignAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(texts.NameMismatch);
        await page.AssertScreenAsync($"errors-server-{suffix}");
        await page.Field(texts.SignatureName).FillAsync(ContractStage.ClientName);
        await page.SignAsync();
        await Expect(page.Heading).ToHaveTextAsync(texts.SignedHeading);
        await page.AssertScreenAsync($"signed-{suffix}");

        await page.FollowAsync(link);
        await Expect(session.Page.Locator("#signed-title")).ToHaveTextAsync(texts.SignedBefore);
        await page.AssertScreenAsync($"already-signed-{suffix}");

        var lang = language == "fr" ? "" : "?lang=en";
        await page.FollowAsync($"/contract.html{lang}#token=not-a-token");
        await Expect(page.Heading).ToHaveTextAsync(texts.Invalid);
        await page.AssertScreenAsync($"invalid-{suffix}");

        await session.Page.RouteAsync("**/api/client/contract", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = """{"status":503,"code":"storage_unavailable"}""",
        }));
        await page.FollowAsync(link);
        await Expect(page.Heading).ToHaveTextAsync(texts.Unavailable);
        await page.AssertScreenAsync($"unavailable-{suffix}");

        Assert.Empty(page.Failures(401, 410, 422, 503));
    }
}
