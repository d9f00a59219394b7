using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Harness;

/// <summary>
/// The WCAG check every page test relies on runs axe-core in the page itself, not through the package's
/// RunAxe: on a page built to break WCAG 2.1 A and AA rules, it finds exactly the violations (rules and
/// elements) RunAxe finds, also after the page changes without loading again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageChecksTests(BrowserApp app)
{
    private const string Broken = """
        <!doctype html><html><head><meta charset="utf-8"></head><body>
        <main>
          <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <p style="color:#bbb;background:#fff">Texte presque invisible</p>
          <form><input type="text" id="name"><input type="text" id="name"></form>
          <a href="/ailleurs"></a>
          <button></button>
          <ul><div>pas un élément de liste</div></ul>
        </main>
        </body></html>
        """;

    [Fact]
    public async Task WcagCheck_FindsTheViolationsThePackagesRunAxeFinds_BeforeAndAfterTheScreenChanges()
    {
        await using var session = await app.OpenAsync(320, 640);
        await session.Page.SetContentAsync(Broken);

        await AssertSameViolationsAsync(session.Page);

        // A script-driven screen change: axe-core, injected before, is reused, and sees the new state.
        await session.Page.EvaluateAsync("() => { document.documentElement.lang = 'fr'; document.querySelector('img').alt = 'Logo'; document.querySelector('main').insertAdjacentHTML('beforeend', '<select></select>'); }");
        var after = await AssertSameViolationsAsync(session.Page);
        Assert.DoesNotContain("html-has-lang", after);
        Assert.DoesNotContain("image-alt", after);
        Assert.Contains("select-name", after);
    }

    private static async Task<string[]> AssertSameViolationsAsync(Microsoft.Playwright.IPage page)
    {
        var ours = Violations(await WcagViolationsAsync(page));
        var package = Violations(await PackageRunAxeAsync(page));
        Assert.NotEmpty(ours);
        Assert.Equal(package, ours);
        return ours.Select(v => v.Split(' ')[0]).ToArray();
    }

    /// <summary>"rule target" for every node of every violation, in order.</summary>
    private static string[] Violations(Deque.AxeCore.Commons.AxeResult result) =>
        result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Target}")).Order(StringComparer.Ordinal).ToArray();
}
