using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>What a person sees when the form is not right, or when the API refuses or cannot answer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IntakeErrorTests(BrowserApp app)
{
    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task EmptyForm_Submitted_ShowsAnErrorNextToEachRequiredField_AndSendsNothing(string language)
    {
        await using var session = await app.OpenAsync(width: 390, height: 844);
        var page = await IntakePage.OpenAsync(session.Page, language);
        // A bounded watch for the one thing that must not happen: a request to the API (so no record, no email).
        var anyRequest = session.Page.WaitForRequestAsync("**/api/intakes", new() { Timeout = 2_000 });

        await page.Submit.ClickAsync();

        await Expect(page.ErrorSummary).ToContainTextAsync(page.Texts.SevenToFix);
        await Expect(page.ErrorSummary).ToBeFocusedAsync();
        foreach (var (control, message) in page.RequiredFields)
        {
            await Expect(control).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(control).ToHaveAccessibleDescriptionAsync(new Regex("^" + Regex.Escape(message)));
            await Expect(page.ErrorNextTo(control, message)).ToBeVisibleAsync();
            await Expect(page.ErrorSummary.GetByRole(AriaRole.Link, new() { Name = message, Exact = true })).ToBeVisibleAsync();
        }
        foreach (var optional in new[] { page.Phone, page.Organisation, page.Availability })
            await Expect(optional).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assert.ThrowsAsync<TimeoutException>(() => anyRequest);
    }

    [Fact]
    public async Task FieldError_OnceFixed_IsClearedWhileTyping()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        await page.Submit.ClickAsync();
        await Expect(page.FirstName).ToHaveAttributeAsync("aria-invalid", "true");

        await page.FirstName.FillAsync("Camille");

        await Expect(page.FirstName).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.ErrorNextTo(page.FirstName, page.Texts.FirstNameRequired)).ToBeHiddenAsync();
        await Expect(page.ErrorSummary).ToContainTextAsync("Il reste 6 points à corriger");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task FormRefusedByServer_ShowsTheServersFieldErrorNextToThatField_InThePageLanguage(string language)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);
        var englishFromApi = "Must be an email address.";
        await page.AnswerIntakesWithAsync(400, new
        {
            type = "urn:solidaire:problem:validation_failed",
            title = "One or more fields are not valid.",
            status = 400,
            code = "validation_failed",
            errors = new Dictionary<string, string[]> { ["email"] = [englishFromApi] },
        });
        var person = Person.Unique(language);
        await page.FillAsync(person);

        await page.Submit.ClickAsync();

        await Expect(page.Email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Email).ToHaveAccessibleDescriptionAsync(new Regex("^" + Regex.Escape(page.Texts.EmailInvalid)));
        await Expect(page.ErrorNextTo(page.Email, page.Texts.EmailInvalid)).ToBeVisibleAsync();
        await Expect(page.ErrorSummary).ToBeFocusedAsync();
        await Expect(session.Page.GetByText(englishFromApi)).ToHaveCountAsync(0);
        await Expect(session.Page.GetByText("One or more fields are not valid.")).ToHaveCountAsync(0);
        await Expect(page.FirstName).Not.ToHaveAttributeAsync("aria-invalid", "true");
        // What was typed is kept, and the person can send again.
        await Expect(page.Email).ToHaveValueAsync(person.Email);
        await Expect(page.Situation).ToHaveValueAsync(person.Situation);
        await Expect(page.Submit).ToBeEnabledAsync();
    }

    [Theory]
    [InlineData("fr", 429, "rate_limited", "120", "Trop de demandes sont parties de cette connexion. Réessayez dans 2 minutes.")]
    [InlineData("en", 429, "rate_limited", "30", "Too many requests came from this connection. Try again in 1 minute.")]
    [InlineData("fr", 503, "storage_unavailable", "10", "Le service est momentanément indisponible. Réessayez dans quelques instants.")]
    [InlineData("fr", 413, "payload_too_large", null, "Votre demande est trop longue. Raccourcissez vos textes, puis réessayez.")]
    [InlineData("en", 500, "internal_error", null, "A technical error stopped your request. Try again shortly.")]
    [InlineData("en", 415, "unsupported_media_type", null, "A technical error stopped your request. Try again shortly.")]
    public async Task ProblemNotAboutAField_ShowsALocalizedMessage_AndKeepsWhatWasTyped(string language, int status, string code, string? retryAfter, string expected)
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);
        var apiTitle = "Title from the API, in English, never shown.";
        await page.AnswerIntakesWithAsync(
            status,
            new { type = "urn:solidaire:problem:" + code, title = apiTitle, status, code },
            retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });
        var person = Person.Unique(language);
        await page.FillAsync(person);

        await page.Submit.ClickAsync();

        await Expect(page.ErrorSummary).ToContainTextAsync(expected);
        await Expect(page.ErrorSummary).ToContainTextAsync(page.Texts.KeptNote);
        await Expect(page.ErrorSummary).ToBeFocusedAsync();
        await Expect(session.Page.GetByText(apiTitle)).ToHaveCountAsync(0);
        await Expect(page.Email).ToHaveValueAsync(person.Email);
        await Expect(page.Situation).ToHaveValueAsync(person.Situation);
        await Expect(page.Consent).ToBeCheckedAsync();
        await Expect(page.Submit).ToBeEnabledAsync();
    }

    [Theory]
    [InlineData("fr", 180, "Trop de demandes sont parties de cette connexion. Réessayez dans 3 minutes.")]
    [InlineData("en", null, "Too many requests came from this connection. Try again in 1 minute.")]
    public async Task RateLimited_WithoutAReadableRetryAfter_TakesTheWaitFromTheProblem_ElseAMinute(string language, int? retryAfter, string expected)
    {
        // In Azure the platform's CORS exposes no Retry-After to the page: only the problem's retryAfter says the wait.
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, language);
        await page.AnswerIntakesWithAsync(429, new { type = "urn:solidaire:problem:rate_limited", title = "Too many requests.", status = 429, code = "rate_limited", retryAfter });
        await page.FillAsync(Person.Unique(language));

        await page.Submit.ClickAsync();

        await Expect(page.ErrorSummary).ToContainTextAsync(expected);
    }

    [Fact]
    public async Task WhileSending_SubmitIsDisabled_AndSaysSo()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await session.Page.RouteAsync("**/api/intakes", async route =>
        {
            await answer.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await route.FulfillAsync(new RouteFulfillOptions { Status = 202, ContentType = "application/json", Body = "{\"reference\":\"ABCD-EFGH-JKLM\"}" });
        });
        await page.FillAsync(Person.Unique("fr"));

        await page.Submit.ClickAsync();

        var sending = session.Page.GetByRole(AriaRole.Button, new() { Name = "Envoi en cours…", Exact = true });
        await Expect(sending).ToBeDisabledAsync();
        await Expect(page.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Envoi de votre demande en cours…");
        answer.SetResult();
        await Expect(page.ConfirmationTitle).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Honeypot_IsOutOfReachOfPeopleAndAssistiveTechnology_AndSentEmpty()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        var seen = await page.AnswerIntakesWithAsync(202, new { reference = "ABCD-EFGH-JKLM" });
        await page.FillAsync(Person.Unique("fr"));

        // Not in the accessibility tree, and skipped by the keyboard: from the last box, Tab goes to the button.
        await Expect(session.Page.GetByRole(AriaRole.Textbox, new() { Name = "Website" })).ToHaveCountAsync(0);
        await page.NotTherapy.FocusAsync();
        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(page.Submit).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(page.ConfirmationTitle).ToBeVisibleAsync();
        using var body = JsonDocument.Parse(Assert.Single(seen).PostData!);
        Assert.Equal("", body.RootElement.GetProperty("website").GetString());
    }

    [Fact]
    public async Task SentRequest_CarriesExactlyTheContractFields_AsJson_WithAnIdempotencyKey()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        var seen = await page.AnswerIntakesWithAsync(202, new { reference = "ABCD-EFGH-JKLM" });
        var person = Person.Unique("fr");
        await page.FillAsync(person);

        await page.Submit.ClickAsync();

        await Expect(page.ConfirmationTitle).ToBeVisibleAsync();
        var request = Assert.Single(seen);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", await request.HeaderValueAsync("content-type"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", await request.HeaderValueAsync("idempotency-key"));
        using var body = JsonDocument.Parse(request.PostData!);
        var root = body.RootElement;
        // The same fields as the valid body the API tests send: the page and the API speak one contract.
        Assert.Equal(
            IntakeSamples.Valid().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray(),
            root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(person.FirstName, root.GetProperty("firstName").GetString());
        Assert.Equal(person.Email, root.GetProperty("email").GetString());
        Assert.Equal("manager", root.GetProperty("role").GetString());
        Assert.Equal("fr", root.GetProperty("preferredLanguage").GetString());
        Assert.True(root.GetProperty("consentToProcessing").GetBoolean());
        Assert.True(root.GetProperty("acknowledgesNotTherapy").GetBoolean());
        Assert.Equal("", root.GetProperty("website").GetString());
        Assert.True(root.GetProperty("formDurationMs").TryGetInt64(out var duration) && duration > 0, "formDurationMs is a positive whole number");
        await Expect(session.Page.GetByText("ABCD-EFGH-JKLM", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RetryOfTheSameContent_KeepsTheIdempotencyKey_AndChangedContentGetsANewOne()
    {
        await using var session = await app.OpenAsync();
        var page = await IntakePage.OpenAsync(session.Page, "fr");
        // The network fails every time: the person sends again, then changes their text and sends.
        await session.Page.RouteAsync("**/api/intakes", route => route.AbortAsync("connectionreset"));
        await page.FillAsync(Person.Unique("fr"));

        var first = await SendAsync(page);
        await Expect(page.ErrorSummary).ToContainTextAsync(page.Texts.NetworkError);
        var retry = await SendAsync(page);
        await page.Situation.FillAsync("Finalement, je voudrais surtout parler de la réorganisation de mon service.");
        var changed = await SendAsync(page);

        Assert.Equal(first, retry);
        Assert.NotEqual(retry, changed);
    }

    /// <summary>Clicks send (once the button is enabled again) and returns the Idempotency-Key of the request.</summary>
    private static async Task<string?> SendAsync(IntakePage page)
    {
        var request = await page.Page.RunAndWaitForRequestAsync(() => page.Submit.ClickAsync(), "**/api/intakes");
        return await request.HeaderValueAsync("idempotency-key");
    }
}
