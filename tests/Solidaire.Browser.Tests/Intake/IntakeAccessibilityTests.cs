using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>WCAG 2.1 A and AA as axe-core checks them, and a layout that fits a 320 px phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeAccessibilityTests(BrowserApp app)
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task IntakePage_HasNoWcagViolation_BeforeAndAfterAFailedSubmit(string language)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);

        AssertNoViolation(await session.Page.RunAxe(Wcag21AA), language + ", blank form");

        await page.Submit.ClickAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(page.Texts.SevenToFix);

        AssertNoViolation(await session.Page.RunAxe(Wcag21AA), language + ", after a failed submit");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Confirmation_HasNoWcagViolation(string language)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);
        await page.AnswerIntakesWithAsync(202, new { reference = "ABCD-EFGH-JKLM" });
        await page.FillAsync(Person.Unique(language));

        await page.Submit.ClickAsync();
        await Expect(page.ConfirmationTitle).ToBeFocusedAsync();

        AssertNoViolation(await session.Page.RunAxe(Wcag21AA), language + ", confirmation");
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task IntakePage_HasNoHorizontalScroll_BlankAndWithErrors(string language, int width, int height)
    {
        await using var session = await app.OpenAsync(width, height);
        var page = await IntakePage.OpenAsync(session.Page, language);
        await Expect(page.Submit).ToBeVisibleAsync();

        Assert.True(await ScrollWidthAsync(session.Page) <= width, $"the blank page scrolls sideways at {width} px ({language})");
        await ScreenshotAsync(session.Page, $"intake-{language}-{width}.png");

        await page.Submit.ClickAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(page.Texts.SevenToFix);

        Assert.True(await ScrollWidthAsync(session.Page) <= width, $"the page with errors scrolls sideways at {width} px ({language})");
        await ScreenshotAsync(session.Page, $"intake-{language}-{width}-errors.png");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Confirmation_At320px_HasNoHorizontalScroll_EvenWithALongAddress(string language)
    {
        await using var session = await app.OpenAsync(320, 640);
        var page = await IntakePage.OpenAsync(session.Page, language);
        await page.AnswerIntakesWithAsync(202, new { reference = "ABCD-EFGH-JKLM" });
        var person = Person.Unique(language) with { Email = $"prenom.nom.{Guid.NewGuid():N}@une-organisation-au-nom-long.example.org" };
        await page.FillAsync(person);

        await page.Submit.ClickAsync();
        await Expect(page.Confirmation).ToContainTextAsync(person.Email);

        Assert.True(await ScrollWidthAsync(session.Page) <= 320, $"the confirmation scrolls sideways at 320 px ({language})");
        await ScreenshotAsync(session.Page, $"intake-{language}-320-confirmation.png");
    }

    private static Task<int> ScrollWidthAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>Full-page screenshots under artifacts/screenshots (git-ignored), for a person to look at.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    private static void AssertNoViolation(AxeResult result, string where)
    {
        Assert.True(result.Violations.Length == 0,
            $"axe-core found WCAG violations ({where}):\n" + string.Join("\n", result.Violations.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help}\n" + string.Join("\n", violation.Nodes.Select(node =>
            $"    {node.Target} {node.Html}\n      {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}"));
}
