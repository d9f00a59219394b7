using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>WCAG 2.1 A and AA as axe-core checks them, and a layout that fits a 320 px phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeAccessibilityTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task IntakePage_HasNoWcagViolation_BeforeAndAfterAFailedSubmit(string language)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);

        await AssertNoWcagViolationAsync(session.Page, language + ", blank form");

        await page.Submit.ClickAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync(page.Texts.SevenToFix);

        await AssertNoWcagViolationAsync(session.Page, language + ", after a failed submit");
    }

    [Theory]
    [InlineData("fr", false)]
    [InlineData("en", false)]
    [InlineData("fr", true)]
    [InlineData("en", true)]
    public async Task Confirmation_OrdinaryOrUrgent_HasNoWcagViolation(string language, bool urgent)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);

        await page.SendAnsweredAsync(urgent);
        await Expect(urgent ? page.UrgentConfirmationTitle : page.ConfirmationTitle).ToBeFocusedAsync();

        await AssertNoWcagViolationAsync(session.Page, $"{language}, {(urgent ? "urgent" : "ordinary")} confirmation");
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

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task UrgentHelp_AroundTheClock_NeverBreaksAcrossLines_AtAnyWidth(string language)
    {
        await using var session = await app.OpenAsync(320, 640);
        await IntakePage.OpenAsync(session.Page, language);

        // "24 h/24" (fr) or "24/7" (en): the lines it spans while the list narrows from 400 px to 160 px (its label
        // column then still holds the phrase; narrower, any word is cut anyway to avoid a sideways scroll).
        var widestSpread = await session.Page.EvaluateAsync<int>("""
            () => {
              const list = document.querySelector("#urgent-help .urgent-numbers");
              const node = document.querySelector('#urgent-help [data-i18n="urgent.3114"]').firstChild;
              const found = /24[^,]*/.exec(node.textContent);
              const range = document.createRange();
              range.setStart(node, found.index);
              range.setEnd(node, found.index + found[0].length);
              let most = 0;
              for (let width = 400; width >= 160; width -= 2) {
                list.style.width = width + "px";
                const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
                most = Math.max(most, tops.size);
              }
              return most;
            }
            """);

        Assert.Equal(1, widestSpread);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task UrgentHelp_WrappedLabel_LinesUpWithItsFirstLine_NotUnderTheNumber(string language)
    {
        await using var session = await app.OpenAsync(320, 640);
        await IntakePage.OpenAsync(session.Page, language);

        // Per item: how many lines its number takes, its right edge, then the left edge of each line of its label
        // (in a list narrow enough for labels to wrap).
        var items = await session.Page.EvaluateAsync<int[][]>("""
            () => {
              document.querySelector("#urgent-help .urgent-numbers").style.width = "170px";
              const lines = element => {
                const range = document.createRange();
                range.selectNodeContents(element);
                return Array.from(range.getClientRects());
              };
              return Array.from(document.querySelectorAll("#urgent-help .urgent-numbers li"), li => {
                const number = lines(li.querySelector("a"));
                const numberLines = new Set(number.map(r => Math.round(r.top))).size;
                const numberRight = Math.round(Math.max(...number.map(r => r.right)));
                return [numberLines, numberRight].concat(lines(li.querySelector("span")).map(r => Math.round(r.left)));
              });
            }
            """);

        Assert.Contains(items, item => item.Length > 3); // some label does wrap, so the check below means something
        foreach (var item in items)
        {
            var (numberLines, numberRight, lefts) = (item[0], item[1], item[2..]);
            Assert.Equal(1, numberLines);
            Assert.All(lefts, left => Assert.InRange(left, lefts[0] - 1, lefts[0] + 1));
            Assert.True(lefts[0] >= numberRight, "a label starts under its number");
        }
    }
}
