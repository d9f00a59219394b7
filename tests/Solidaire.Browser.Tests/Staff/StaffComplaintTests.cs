using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// The ethics referents' screens (rule 12): the complaints, one complaint, its closure. In both languages,
/// at 320 px and 1280 px, with no WCAG 2.1 A/AA violation axe-core finds and no sideways scroll.
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffComplaintTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 320, 640)]
    [InlineData("fr", 1280, 900)]
    [InlineData("en", 1280, 900)]
    public async Task ReferentScreens_ListOpenAndCloseAComplaint_WithNoWcagViolation(string language, int width, int height)
    {
        var referent = await _mail.NewReferentAsync();
        var member = "Dominique " + StaffMail.UniqueWord();
        var reference = await _mail.SubmitComplaintAsync($"plaignant.{StaffMail.UniqueWord()}@example.org", member);
        var texts = ComplaintScreenTexts.For(language);
        await using var session = await app.OpenAsync(width, height);
        var console = await StaffConsole.OpenAsync(session.Page, language);
        await console.FollowAsync(await _mail.SignInLinkAsync(referent));

        await console.Link(texts.Nav).ClickAsync();
        await Expect(console.HeadingNamed(texts.ListHeading)).ToBeVisibleAsync();
        await Expect(console.Link(string.Format(texts.Open, reference))).ToBeVisibleAsync();
        await console.AssertScreenAsync($"complaints-{language}-{width}");

        await console.Link(string.Format(texts.Open, reference)).ClickAsync();
        await Expect(console.HeadingNamed(string.Format(texts.Heading, reference))).ToBeVisibleAsync();
        await Expect(console.Main).ToContainTextAsync(member);
        await console.AssertScreenAsync($"complaint-{language}-{width}");

        await console.Button(texts.Close).ClickAsync();
        await Expect(console.ErrorSummary).ToContainTextAsync(texts.ResolutionRequired);
        await console.AssertScreenAsync($"complaint-errors-{language}-{width}");

        await console.Field(texts.Resolution).FillAsync("Entretien avec le membre et rappel de la charte (§3.8, §3.17).");
        await console.Button(texts.Close).ClickAsync();
        await Expect(console.Main.GetByText(string.Format(texts.Closed, reference), new() { Exact = true })).ToBeVisibleAsync();
        await console.AssertScreenAsync($"complaints-closed-{language}-{width}");

        Assert.Empty(console.FailedAnswers());
    }

    [Fact]
    public async Task Coordinator_NamesAReferentInTheConsole_WhoThenSeesTheComplaints()
    {
        var email = $"referente.{StaffMail.UniqueWord()}@solidaire.test";
        var texts = ComplaintScreenTexts.For("fr");
        await using (var session = await app.OpenAsync())
        {
            var coordinator = await StaffConsole.OpenAsync(session.Page);
            await coordinator.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));
            await coordinator.Link(coordinator.Texts.NavCoaches).ClickAsync();
            await coordinator.Field("Adresse email du ou de la référent·e (obligatoire)").FillAsync(email);
            await coordinator.Field("Nom du ou de la référent·e (obligatoire)").FillAsync("Camille Durand");
            await coordinator.Button("Nommer référent·e").ClickAsync();
            await Expect(coordinator.Main.GetByText($"{email} est maintenant référent·e éthique.", new() { Exact = true })).ToBeVisibleAsync();
            Assert.Empty(coordinator.FailedAnswers());
        }

        await using var referentSession = await app.OpenAsync();
        var referent = await StaffConsole.OpenAsync(referentSession.Page);
        await referent.FollowAsync(await _mail.SignInLinkAsync(email));
        await referent.Link(texts.Nav).ClickAsync();

        await Expect(referent.HeadingNamed(texts.ListHeading)).ToBeVisibleAsync();
    }

    /// <summary>What the referents' screens say, in each language.</summary>
    private sealed record ComplaintScreenTexts(string Nav, string ListHeading, string Open, string Heading, string Close, string Resolution, string ResolutionRequired, string Closed)
    {
        public static ComplaintScreenTexts For(string language) => language == "en"
            ? new("Complaints", "Complaints", "Open complaint {0}", "Complaint {0}", "Close the complaint", "Resolution (required)",
                "Write the resolution before closing.", "Complaint {0} closed.")
            : new("Réclamations", "Réclamations", "Ouvrir la réclamation {0}", "Réclamation {0}", "Clore la réclamation", "Résolution (obligatoire)",
                "Écrivez la résolution avant de clore.", "Réclamation {0} close.");
    }
}
