using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Harness;

/// <summary>What every page test checks the same way: WCAG 2.1 A and AA with axe-core, screenshots, sideways scroll.</summary>
public static class PageChecks
{
    private static readonly string[] Wcag21AATags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Wcag21AATags] },
    };

    /// <summary>The axe-core the Deque package bundles: the one its RunAxe injects.</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// Every rule of the WCAG 2.1 A and AA tags on the whole document, as RunAxe runs them. resultTypes only
    /// cuts the lists the check never reads (passes, incomplete, inapplicable) to one node per rule: every rule
    /// still runs on every element, and every violation comes back with all its nodes.
    /// </summary>
    private const string RunWcag21AA =
        "async (tags) => JSON.stringify(await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))";

    /// <summary>Runs axe-core on the page as it is now and fails with every violation described.</summary>
    public static async Task AssertNoWcagViolationAsync(IPage page, string where)
    {
        var result = await WcagViolationsAsync(page);
        Assert.True(result.Violations.Length == 0,
            $"axe-core found WCAG violations ({where}):\n" + string.Join("\n", result.Violations.Select(Describe)));
    }

    /// <summary>
    /// The package's RunAxe sends axe-core's half megabyte to the page again on every call and finishes each
    /// run in a new browser page of its own: 1 to 3 s a call, where axe's own run on these screens takes 0.05
    /// to 0.3 s. Here axe-core is injected once per loaded document (it stays while a script-driven screen
    /// changes) and runs in the page. A page with frames (none of those checked today) still goes through
    /// RunAxe, which injects axe-core into every frame and merges their results.
    /// </summary>
    internal static async Task<AxeResult> WcagViolationsAsync(IPage page)
    {
        if (page.Frames.Count > 1)
            return await PackageRunAxeAsync(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"))
            await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<string>(RunWcag21AA, Wcag21AATags);
        return new AxeResult(Newtonsoft.Json.Linq.JObject.Parse(json));
    }

    /// <summary>The package's own run (axe-core injected again, finished in a page of its own), to compare against.</summary>
    internal static Task<AxeResult> PackageRunAxeAsync(IPage page) => page.RunAxe(Wcag21AA);

    public static Task<int> ScrollWidthAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>Full-page screenshots under artifacts/screenshots (git-ignored), for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help}\n" + string.Join("\n", violation.Nodes.Select(node =>
            $"    {node.Target} {node.Html}\n      {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}"));
}
