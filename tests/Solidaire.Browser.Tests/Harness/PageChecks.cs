using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Harness;

/// <summary>What every page test checks the same way: WCAG 2.1 A and AA with axe-core, screenshots, sideways scroll.</summary>
public static class PageChecks
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Runs axe-core on the page as it is now and fails with every violation described.</summary>
    public static async Task AssertNoWcagViolationAsync(IPage page, string where)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Violations.Length == 0,
            $"axe-core found WCAG violations ({where}):\n" + string.Join("\n", result.Violations.Select(Describe)));
    }

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
