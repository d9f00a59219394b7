using System.Text.Json;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Site;

/// <summary>
/// The integrators' page (api.html): the OpenAPI document the API serves, shown route by route (method,
/// path, access, body rules, answers, problem codes), in French and English, with no console error and
/// no WCAG violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenApiPageTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr", "{0} routes.", "obligatoire", "4000 caractères", "membre du collectif connecté", "Problèmes")]
    [InlineData("en", "{0} routes.", "required", "4000 characters", "a signed-in member of the collective", "Problems")]
    public async Task ApiPage_ShowsEveryRouteOfTheApp_WithItsAccessBodyRulesAndProblemCodes_AndNoConsoleError(
        string language, string loaded, string required, string situationLimit, string staffAccess, string problems)
    {
        await using var session = await app.OpenAsync(320, 640);
        var errors = ConsoleErrors(session.Page);
        var routes = HttpRoutesOfFunctionsMetadata();

        await session.Page.GotoAsync(language == "fr" ? "/api.html" : "/api.html?lang=en");

        await Expect(session.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, loaded, routes.Count));
        var sections = session.Page.Locator("section.api-route");
        await Expect(sections).ToHaveCountAsync(routes.Count);
        var shown = await session.Page.Locator("section.api-route h2").AllTextContentsAsync();
        Assert.Equal(routes.Order(StringComparer.Ordinal), shown.Select(h => string.Join(" ", h.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Order(StringComparer.Ordinal));

        var intake = session.Page.Locator("section.api-route", new() { Has = session.Page.GetByRole(AriaRole.Heading, new() { Name = "POST /api/intakes", Exact = true }) });
        var body = intake.GetByRole(AriaRole.Table).Nth(1);
        await Expect(body.GetByRole(AriaRole.Row, new() { Name = "situation" })).ToContainTextAsync(situationLimit);
        await Expect(body.GetByRole(AriaRole.Row, new() { Name = "situation" })).ToContainTextAsync(required);
        await Expect(intake).ToContainTextAsync(problems);
        await Expect(intake.GetByText("validation_failed", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(intake.GetByText("rate_limited", new() { Exact = true })).ToBeVisibleAsync();
        var recordSession = session.Page.Locator("section.api-route", new() { Has = session.Page.GetByRole(AriaRole.Heading, new() { Name = "POST /api/staff/engagements/{id}/sessions", Exact = true }) });
        await Expect(recordSession).ToContainTextAsync(staffAccess);
        await Expect(recordSession.GetByText("session_limit_reached", new() { Exact = true })).ToBeVisibleAsync();
        var wide = await session.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 320).slice(0, 5).map(e => e.tagName + ' ' + e.className + ' ' + (e.textContent || '').slice(0, 60))");
        Assert.True(await ScrollWidthAsync(session.Page) <= 320, $"the API page scrolls sideways at 320 px ({language}): {string.Join("; ", wide)}");
        await ScreenshotAsync(session.Page, $"api-{language}-320.png");
        lock (errors)
            Assert.Empty(errors);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task ApiPage_HasNoWcagViolation_OnceTheRoutesAreShown(string language)
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(language == "fr" ? "/api.html" : "/api.html?lang=en");
        await Expect(session.Page.Locator("section.api-route").First).ToBeVisibleAsync();
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", language);

        await AssertNoWcagViolationAsync(session.Page, language + ", API page");
    }

    [Fact]
    public async Task ApiPage_HostedOnAnotherOrigin_ReadsTheDocumentFromTheConfiguredApi()
    {
        await using var session = await app.OpenAsync();
        var errors = ConsoleErrors(session.Page);
        var read = new List<string>();
        session.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("openapi.json", StringComparison.Ordinal))
                lock (read)
                    read.Add(request.Url);
        };

        await session.Page.GotoAsync(app.StaticSiteOrigin + "/api.html");

        await Expect(session.Page.Locator("section.api-route").First).ToBeVisibleAsync();
        lock (read)
            Assert.Equal([app.BaseUrl + "/api/openapi.json"], read);
        lock (errors)
            Assert.Empty(errors);
    }

    [Theory]
    [InlineData("/", "Documentation de l'API, pour les intégrateurs")]
    [InlineData("/privacy.html?lang=en", "API documentation, for integrators")]
    public async Task TheFooter_LeadsIntegratorsToTheApiPage_InThePagesLanguage(string path, string link)
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync(path);

        await session.Page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/api\\.html"));
        await Expect(session.Page.Locator("section.api-route").First).ToBeVisibleAsync();
    }

    /// <summary>Every console error and uncaught exception of the page, from now on.</summary>
    private static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (errors)
                    errors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
                errors.Add(error);
        };
        return errors;
    }

    /// <summary>"METHOD /api/route" for every HTTP function the Worker SDK declared in functions.metadata.</summary>
    private static List<string> HttpRoutesOfFunctionsMetadata()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.FunctionsOutput, "functions.metadata")));
        return metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} /api/{b.GetProperty("route").GetString()}"))
            .ToList();
    }
}
