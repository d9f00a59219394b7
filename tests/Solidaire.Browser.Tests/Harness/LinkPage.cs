using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Harness;

/// <summary>
/// A page a client opens from an emailed link (contract.html, feedback.html), in its language. It records
/// every answer the page gets and every message the console shows (a Content-Security-Policy refusal is
/// one), so a test can say none failed but those it expects.
/// </summary>
public abstract class LinkPage
{
    private readonly List<(int Status, string Url)> _answers = [];
    private readonly List<string> _consoleErrors = [];
    private readonly string _name;

    protected LinkPage(IPage page, string language, string name)
    {
        Page = page;
        Language = language;
        _name = name;
        page.Response += (_, response) =>
        {
            lock (_answers)
                _answers.Add((response.Status, response.Url));
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (_consoleErrors)
                    _consoleErrors.Add(message.Text);
        };
    }

    public IPage Page { get; }
    public string Language { get; set; }

    /// <summary>Follows the emailed link in this tab, as a click in the mailbox would open it.</summary>
    public async Task FollowAsync(string link)
    {
        await Page.GotoAsync(link);
        await Expect(Page.Locator("#loading")).ToBeHiddenAsync();
    }

    /// <summary>Every answer of 400 or more the page got but those of <paramref name="expected"/> statuses; and every console error.</summary>
    public IReadOnlyList<string> Failures(params int[] expected)
    {
        lock (_answers)
        lock (_consoleErrors)
            return _answers.Where(a => a.Status >= 400 && !expected.Contains(a.Status)).Select(a => $"{a.Status} {a.Url}")
                .Concat(_consoleErrors.Where(e => !e.Contains("the server responded with a status of", StringComparison.Ordinal)).Select(e => "console: " + e))
                .ToArray();
    }

    /// <summary>What every screen is checked for: its language, WCAG 2.1 A/AA (axe-core), no sideways scroll; and a screenshot.</summary>
    public async Task AssertScreenAsync(string name)
    {
        var where = $"{_name} {name}";
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", Language);
        await AssertNoWcagViolationAsync(Page, where);
        Assert.True(await ScrollWidthAsync(Page) <= Page.ViewportSize!.Width, $"{where} scrolls sideways");
        await ScreenshotAsync(Page, $"{_name}-{name}.png");
    }

    /// <summary>Whether the link's token is anywhere the browser keeps things: the address, storage, cookies.</summary>
    public async Task AssertTokenNotKeptAsync(string link)
    {
        var token = link[(link.IndexOf("#token=", StringComparison.Ordinal) + 7)..];
        Assert.DoesNotContain("token", Page.Url, StringComparison.Ordinal);
        var kept = await Page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        Assert.DoesNotContain(token, kept, StringComparison.Ordinal);
        Assert.Empty(await Page.Context.CookiesAsync());
    }

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator ErrorSummary => Page.GetByRole(AriaRole.Alert);
}
