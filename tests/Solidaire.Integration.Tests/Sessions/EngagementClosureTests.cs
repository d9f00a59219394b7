using System.Net;
using System.Text.Json;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Sessions;

/// <summary>Closing an engagement (issue 10; §3.7, §3.21–3.23, §5.1, §5.2): outcomes, referral, the retention clock.</summary>
public sealed class EngagementClosureTests : AppTest
{
    private string Day(int days) => App.Time.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd'T'HH:mmzzz");

    private static string Closure(SignedEngagement e) => $"/api/staff/engagements/{e.EngagementId}/closure";

    [Fact]
    public async Task Completed_ClosesTheEngagement_StartsTheRetentionClock_AndFreezesItsSessions()
    {
        var e = await SignedEngagement.CreateAsync(App);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new { date = Day(1), durationMinutes = 60, medium = "video" }, HttpStatusCode.Created);

        var closed = await e.Coach.JsonAsync(HttpMethod.Post, Closure(e), new { outcome = "completed" });

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var view = await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}");
        Assert.Equal("completed", view.GetProperty("outcome").GetString());
        var intake = Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        Assert.Equal(view.GetProperty("closedAt").GetDateTimeOffset().AddDays(180), intake.GetDateTimeOffset(IntakeRow.DestroyAtColumn)!.Value, TimeSpan.FromSeconds(1));
        var again = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, Closure(e), new { outcome = "completed" }));
        var session = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, new { date = Day(4), durationMinutes = 60, medium = "video" }));
        Assert.Equal((HttpStatusCode.Conflict, "engagement_closed"), (again.Status, again.Code));
        Assert.Equal((HttpStatusCode.Conflict, "engagement_closed"), (session.Status, session.Code));
    }

    [Fact]
    public async Task ReferredWithinTheCollective_ReturnsToTheQueue_AndTheNextCoachHasOnlyWhatIsLeftOfTheFour()
    {
        var e = await SignedEngagement.CreateAsync(App);
        for (var i = 0; i < 3; i++)
            await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new { date = Day(1 + 3 * i), durationMinutes = 60, medium = "video" }, HttpStatusCode.Created);

        await e.Coach.JsonAsync(HttpMethod.Post, Closure(e), new { outcome = "referred", referral = new { to = "collective" } });

        var next = await StaffWorld.ReadyCoachAsync(App, e.Coordinator, "next-coach@example.org");
        var nextId = (await next.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var queued = await e.Coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new");
        Assert.Contains(queued.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == e.IntakeId);
        var engagement = (await e.Coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{e.IntakeId}/assignment", new { coachId = nextId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString()!;
        await next.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        int Links() => Solidaire.Testing.EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == e.ClientEmail && m.Text.Contains("contract.html#token=", StringComparison.Ordinal));
        var before = Links();
        var sha = (await next.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", new { sessionsPlanned = 4, usualPricePerSessionEur = 70 }, HttpStatusCode.Created)).GetProperty("sha256").GetString();
        await Eventually.TrueAsync(() => Task.FromResult(Links() > before), "the new contract's link is emailed");
        var tokens = System.Text.RegularExpressions.Regex.Matches(string.Join("\n", Solidaire.Testing.EmlMessage.ReadFolder(App.MailFolder)
            .Where(m => m.To == e.ClientEmail).OrderBy(m => File.GetLastWriteTimeUtc(Path.Combine(App.MailFolder, m.FileName))).Select(m => m.Text)), @"contract\.html#token=([A-Za-z0-9_\-\.]+)");
        var token = tokens[^1].Groups[1].Value;
        var signed = await StaffClient.SendAsync(App, HttpMethod.Post, "/api/client/contract/signature", token, new
        {
            counterpart = new { kind = "financial", amountEur = 1 }, understood = true, supervisionConsent = false, signatureName = "Jeanne Dupont-Lefèvre", sha256 = sha,
        });
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);

        var sessions = $"/api/staff/engagements/{engagement}/sessions";
        Assert.Equal(1, (await next.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{engagement}")).GetProperty("sessionLimit").GetInt32());
        await next.JsonAsync(HttpMethod.Post, sessions, new { date = Day(12), durationMinutes = 60, medium = "phone" }, HttpStatusCode.Created);
        var fifth = await Problem.ReadAsync(await next.SendAsync(HttpMethod.Post, sessions, new { date = Day(15), durationMinutes = 60, medium = "phone" }));
        Assert.Equal("session_limit_reached", fifth.Code);
    }

    [Fact]
    public async Task Closing_ThanksTheClient_WithAFeedbackLinkThatWorksOnce()
    {
        var e = await SignedEngagement.CreateAsync(App);

        await e.Coach.JsonAsync(HttpMethod.Post, Closure(e), new { outcome = "completed" });

        var thanks = await Solidaire.Testing.EmlMessage.WaitForAsync(App.MailFolder, m => m.To == e.ClientEmail && m.Text.Contains("feedback.html#token=", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(thanks.Text, @"feedback\.html#token=([A-Za-z0-9_\-\.]+)").Groups[1].Value;
        object answer = new { listened = 5, steppedBack = 4, wouldRecommend = 5, comment = "Merci pour votre écoute." };
        var first = await StaffClient.SendAsync(App, HttpMethod.Post, "/api/client/feedback", token, answer);
        var second = await Problem.ReadAsync(await StaffClient.SendAsync(App, HttpMethod.Post, "/api/client/feedback", token, answer));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "already_answered"), (second.Status, second.Code));
    }

    [Theory]
    [InlineData("""{"outcome":"referred"}""", "referral")]
    [InlineData("""{"outcome":"referred","referral":{"to":"external"}}""", "referral.professional")]
    [InlineData("""{"outcome":"referred","referral":{"to":"elsewhere"}}""", "referral.to")]
    [InlineData("""{"outcome":"completed","referral":{"to":"collective"}}""", "referral")]
    [InlineData("""{"outcome":"lapsed"}""", "outcome")]
    [InlineData("""{"outcome":"completed","reason":"x"}""", "reason")]
    public async Task MalformedClosures_AreRefused_AndTheEngagementStaysOpen(string body, string field)
    {
        var e = await SignedEngagement.CreateAsync(App);

        var refused = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, Closure(e), body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Body.GetProperty("errors").TryGetProperty(field, out _), refused.Body.ToString());
        Assert.Equal("active", (await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReferredOutside_KeepsTheKindOfProfessional_Sealed()
    {
        var e = await SignedEngagement.CreateAsync(App);

        await e.Coach.JsonAsync(HttpMethod.Post, Closure(e), new { outcome = "referred", referral = new { to = "external", professional = "psychologue du travail" } });

        var stored = string.Join("\n", (await StorageContents.AllAsync(App, Tables.Dossiers)).SelectMany(r => r.Select(kv => kv.Value?.ToString())));
        Assert.DoesNotContain("psychologue", stored, StringComparison.Ordinal);
        Assert.Equal("referred", (await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}")).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Coordinators_SeeTheCollectivesEngagementsByStatus_WithoutSessionsOrClientData()
    {
        var e = await SignedEngagement.CreateAsync(App);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new { date = Day(1), durationMinutes = 60, medium = "video", notes = "Parle de Bertrand." }, HttpStatusCode.Created);
        await e.Coach.JsonAsync(HttpMethod.Post, Closure(e), new { outcome = "classic_contract" });

        JsonElement closed = default;
        await Eventually.TrueAsync(async () =>
        {
            closed = await e.Coordinator.JsonAsync(HttpMethod.Get, "/api/staff/collective/engagements?status=closed");
            return closed.GetProperty("items").GetArrayLength() == 1;
        }, "the closed engagement is indexed");
        var active = await e.Coordinator.JsonAsync(HttpMethod.Get, "/api/staff/collective/engagements?status=active");
        var bad = await Problem.ReadAsync(await e.Coordinator.SendAsync(HttpMethod.Get, "/api/staff/collective/engagements?status=secret"));

        var item = Assert.Single(closed.GetProperty("items").EnumerateArray());
        Assert.Equal(("classic_contract", "Claire Martin"), (item.GetProperty("outcome").GetString(), item.GetProperty("coachName").GetString()));
        Assert.Equal(0, active.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var text = closed.ToString();
        foreach (var secret in new[] { "Bertrand", "Jeanne", e.ClientEmail, "notes", "sessions" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedEngagementsUnsignedContractLink_StopsWorking()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "closing-coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("closing@example.org"))));
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        var sha = (await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", new { sessionsPlanned = 2, usualPricePerSessionEur = 60 }, HttpStatusCode.Created)).GetProperty("sha256").GetString();
        var link = await Solidaire.Testing.EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "closing@example.org" && m.Text.Contains("contract.html#token=", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(link.Text, @"contract\.html#token=([A-Za-z0-9_\-\.]+)").Groups[1].Value;

        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/closure", new { outcome = "ended_by_client" });
        var signed = await Problem.ReadAsync(await StaffClient.SendAsync(App, HttpMethod.Post, "/api/client/contract/signature", token, new
        {
            counterpart = new { kind = "financial", amountEur = 1 }, understood = true, supervisionConsent = true, signatureName = "Jeanne Dupont-Lefèvre", sha256 = sha,
        }));

        Assert.Equal((HttpStatusCode.Gone, "link_expired"), (signed.Status, signed.Code));
    }

    [Fact]
    public async Task OnlyTheAssignedCoach_Closes()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var other = await StaffWorld.ReadyCoachAsync(App, e.Coordinator, "other-closure@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(HttpMethod.Post, Closure(e), new { outcome = "completed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await e.Coordinator.SendAsync(HttpMethod.Post, Closure(e), new { outcome = "completed" })).StatusCode);
        Assert.Equal("active", (await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}")).GetProperty("status").GetString());
    }
}
