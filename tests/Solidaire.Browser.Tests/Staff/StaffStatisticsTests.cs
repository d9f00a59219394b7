using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Core.Statistics;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// The anonymous statistics screen (issue 11, console): a coordinator reads each dimension as a table, with
/// "&lt; 3" for any count below 3, and as a chart drawn by the vendored Chart.js (nothing loaded from
/// anywhere but the site), and downloads the same figures as CSV.
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffStatisticsTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    private sealed record Texts(string Nav, string Heading, string IntakesCaption, string Manager, string Executive, string Download);

    private static Texts For(string language) => language == "fr"
        ? new("Statistiques", "Statistiques anonymes", "Demandes reçues, par situation de la personne, par mois", "manager", "dirigeant·e", "Télécharger le tableau (CSV)")
        : new("Statistics", "Anonymous statistics", "Requests received, by the person's situation, by month", "manager", "executive", "Download the table (CSV)");

    private static readonly object CountingLock = new();
    private static Task<string>? _counted;

    /// <summary>
    /// Last month's counts, applied as the purge applies them, once for the whole class (both languages read
    /// the same month): 5 managers, 1 executive (to be shown "&lt; 3"), 4 engagements completed.
    /// </summary>
    private static Task<string> CountLastMonthOnceAsync(BrowserApp app)
    {
        lock (CountingLock)
            return _counted ??= CountLastMonthAsync(app);
    }

    private static async Task<string> CountLastMonthAsync(BrowserApp app)
    {
        var now = DateTimeOffset.UtcNow;
        var lastMonth = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var counter = new StatisticsCounter(app.Tables);
        var facts = Enumerable.Repeat(StatisticsCells.OfIntake(lastMonth, "manager"), 5)
            .Append(StatisticsCells.OfIntake(lastMonth, "executive"))
            .Concat(Enumerable.Repeat(StatisticsCells.OfClosure(lastMonth, "completed", 2, null), 4));
        foreach (var f in facts)
            await counter.HandleAsync(StatisticsCounter.NewDeadline(now, f), CancellationToken.None);
        return StatisticsCells.Month(lastMonth);
    }

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 1280, 900)]
    public async Task Coordinator_ReadsTheCountsAsTableAndChart_WithLessThanThreeHidden_AndDownloadsTheSameFiguresAsCsv(string language, int width, int height)
    {
        var month = await CountLastMonthOnceAsync(app);
        var texts = For(language);
        await using var session = await app.OpenAsync(width, height);
        var requested = new List<string>();
        session.Page.Request += (_, request) =>
        {
            lock (requested)
                requested.Add(request.Url);
        };
        var coordinator = await StaffConsole.OpenAsync(session.Page, language);
        await coordinator.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));

        await coordinator.Link(texts.Nav).ClickAsync();

        await Expect(coordinator.HeadingNamed(texts.Heading)).ToBeVisibleAsync();
        var table = coordinator.Page.GetByRole(AriaRole.Table, new() { Name = texts.IntakesCaption, Exact = true });
        var monthName = await coordinator.Page.EvaluateAsync<string>(
            "([lang, month]) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(month + '-01T00:00:00Z'))",
            new[] { language, month });
        var row = table.GetByRole(AriaRole.Row).Filter(new() { Has = coordinator.Page.GetByRole(AriaRole.Rowheader, new() { Name = monthName, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1); // the report has arrived and the table is drawn
        var headers = await table.Locator("thead th").AllInnerTextsAsync();
        var cells = row.Locator("td");
        await Expect(cells.Nth(headers.ToList().IndexOf(texts.Manager) - 1)).ToHaveTextAsync("5");
        await Expect(cells.Nth(headers.ToList().IndexOf(texts.Executive) - 1)).ToHaveTextAsync("< 3");

        // The chart: drawn by the vendored Chart.js, the hidden count plotted as nothing.
        var chart = coordinator.Page.Locator("canvas[data-chart='intakes']");
        await Expect(chart).ToHaveAttributeAsync("aria-hidden", "true");
        var plotted = await coordinator.Page.WaitForFunctionAsync(
            "([month]) => { const c = document.querySelector(\"canvas[data-chart='intakes']\"); const chart = window.Chart && window.Chart.getChart(c);"
            + " if (!chart || c.width === 0) return null; const i = chart.data.labels.length - 1 - ((new Date().getUTCFullYear() * 12 + new Date().getUTCMonth()) - (Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1));"
            + " return chart.data.datasets.map(d => d.label + '=' + d.data[i]).join('|'); }",
            new[] { month });
        var series = (await plotted.JsonValueAsync<string>()).Split('|');
        Assert.Contains(texts.Manager + "=5", series);
        Assert.Contains(texts.Executive + "=null", series);

        await coordinator.AssertScreenAsync($"statistics-{language}-{width}");

        var download = await coordinator.Page.RunAndWaitForDownloadAsync(() => coordinator.Button(texts.Download).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        var header = csv[0].Split(';');
        var line = csv.Single(l => l.StartsWith(month + ";", StringComparison.Ordinal)).Split(';');
        Assert.Equal("5", line[Array.IndexOf(header, "intakes.manager")]);
        Assert.Equal("< 3", line[Array.IndexOf(header, "intakes.executive")]);
        Assert.Equal("4", line[Array.IndexOf(header, "outcomes.completed")]);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        // Nothing was asked of any origin but the site's own (no CDN, no font, no chart service).
        var origin = new Uri(app.BaseUrl).GetLeftPart(UriPartial.Authority);
        lock (requested)
            Assert.All(requested, url => Assert.True(url.StartsWith(origin + "/", StringComparison.Ordinal) || url.StartsWith("blob:" + origin + "/", StringComparison.Ordinal), url));
        Assert.Contains(requested, url => url.EndsWith("/staff/vendor/chart.umd.js", StringComparison.Ordinal));
        Assert.Empty(coordinator.FailedAnswers());
    }
}
