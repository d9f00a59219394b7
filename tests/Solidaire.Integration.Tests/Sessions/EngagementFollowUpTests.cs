using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Sessions;

/// <summary>Deadlines that persist (issue 10): the lapse of a quiet engagement, the reminder before it, an unsigned link's expiry.</summary>
public sealed class EngagementFollowUpTests : AppTest
{
    private async Task RunPromptTwiceAsync()
    {
        var runner = App.Services.GetRequiredService<DeadlineRunner>();
        // Twice, and two at once: each deadline is done once.
        await Task.WhenAll(runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None), runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None));
        await runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);
    }

    /// <summary>The coach, signed in again: an access token does not outlive days of the fake clock.</summary>
    private async Task<System.Text.Json.JsonElement> ViewAsync(SignedEngagement e) =>
        await (await StaffClient.SignInAsync(App, e.CoachEmail)).JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}");

    private int Mails(string to, string subject) =>
        EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == to && m.Subject.Contains(subject, StringComparison.Ordinal));

    private async Task WaitForMailAsync(string to, string subject) =>
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == to && m.Subject.Contains(subject, StringComparison.Ordinal));

    [Fact]
    public async Task AQuietEngagement_RemindsItsCoachOnce_ThenLapses_AndBothAreToldKindly_Once()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var start = App.Time.GetUtcNow().AddDays(2);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new { date = start.ToString("yyyy-MM-dd'T'HH:mmzzz"), durationMinutes = 60, medium = "phone" }, HttpStatusCode.Created);

        App.Time.Advance(TimeSpan.FromDays(2 + 34)); // a day before the reminder, counted from the session
        await RunPromptTwiceAsync();
        await Task.Delay(500);
        Assert.Equal(0, Mails(e.CoachEmail, "Pas de séance depuis un moment"));

        App.Time.Advance(TimeSpan.FromDays(1.5));
        await RunPromptTwiceAsync();
        await WaitForMailAsync(e.CoachEmail, "Pas de séance depuis un moment");
        Assert.Equal("active", (await ViewAsync(e)).GetProperty("status").GetString());

        App.Time.Advance(TimeSpan.FromDays(7));
        await RunPromptTwiceAsync();
        await WaitForMailAsync(e.ClientEmail, "Votre accompagnement Solidaire");
        await WaitForMailAsync(e.CoachEmail, "clos : pas de séance depuis 42 jours");
        await RunPromptTwiceAsync();
        await Task.Delay(500);

        Assert.Equal(1, Mails(e.CoachEmail, "Pas de séance depuis un moment"));
        Assert.Equal(1, Mails(e.ClientEmail, "Votre accompagnement Solidaire"));
        Assert.Equal(1, Mails(e.CoachEmail, "clos : pas de séance"));
        Assert.Equal(0, Mails(e.CoachEmail, "Lien du contrat expiré")); // it was signed
        var view = await ViewAsync(e);
        Assert.Equal(("closed", "lapsed"), (view.GetProperty("status").GetString(), view.GetProperty("outcome").GetString()));
        // The retention clock started: the working data is destroyed 180 days after closure, by a deadline.
        var intake = Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        var closedAt = view.GetProperty("closedAt").GetDateTimeOffset();
        Assert.Equal(closedAt.AddDays(180), intake.GetDateTimeOffset(IntakeRow.DestroyAtColumn)!.Value, TimeSpan.FromSeconds(1));
        Assert.Contains(await StorageContents.AllAsync(App, Tables.Deadlines), d => d.GetString(DeadlineRows.Kind) == IntakeDestruction.Destroy.Name
            && Math.Abs((DeadlineRows.From(d).Due - closedAt.AddDays(180)).TotalSeconds) < 1);
    }

    [Fact]
    public async Task ASessionBookedLater_PushesTheLapseBack()
    {
        var e = await SignedEngagement.CreateAsync(App);
        App.Time.Advance(TimeSpan.FromDays(30));
        var later = App.Time.GetUtcNow().AddDays(20);
        await (await StaffClient.SignInAsync(App, e.CoachEmail)).JsonAsync(HttpMethod.Post, e.Sessions, new { date = later.ToString("yyyy-MM-dd'T'HH:mmzzz"), durationMinutes = 60, medium = "video" }, HttpStatusCode.Created);

        App.Time.Advance(TimeSpan.FromDays(13)); // 43 days after the signature, 23 before the session's lapse
        await RunPromptTwiceAsync();
        await Task.Delay(500);

        Assert.Equal("active", (await ViewAsync(e)).GetProperty("status").GetString());
        Assert.Equal(0, Mails(e.CoachEmail, "Pas de séance depuis un moment"));
    }

    [Fact]
    public async Task AnUnsignedContractsLinkExpires_AndItsCoachIsToldOnce()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "expiry-coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("expiry@example.org"))));
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", new { sessionsPlanned = 2, usualPricePerSessionEur = 60 }, HttpStatusCode.Created);

        App.Time.Advance(TimeSpan.FromDays(13));
        await RunPromptTwiceAsync();
        await Task.Delay(500);
        Assert.Equal(0, Mails("expiry-coach@example.org", "Lien du contrat expiré"));

        App.Time.Advance(TimeSpan.FromDays(1.1));
        await RunPromptTwiceAsync();
        await WaitForMailAsync("expiry-coach@example.org", "Lien du contrat expiré");
        await RunPromptTwiceAsync();
        await Task.Delay(500);

        Assert.Equal(1, Mails("expiry-coach@example.org", "Lien du contrat expiré"));
    }

    [Fact]
    public async Task TheTimerRun_ReadsOnlyDueDeadlines_TenTimesMoreNotYetDueCostNothing()
    {
        var store = App.Services.GetRequiredService<IDeadlineStore>();
        var runner = App.Services.GetRequiredService<DeadlineRunner>();
        var later = App.Time.GetUtcNow().AddDays(30);
        async Task<long> RunCostAsync()
        {
            using var scope = StorageRequestCounter.BeginScope();
            await runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);
            return scope.Count;
        }
        Deadline[] FollowUps(int n) => [.. Enumerable.Range(0, n).Select(i => Deadline.New(EngagementFollowUp.FollowUp, later.AddMinutes(i), "d0000000000000000000000000000000" , $"i{i}|e{i}"))];

        await store.ScheduleAsync(FollowUps(50), CancellationToken.None);
        await Task.Delay(300);
        var withFifty = await RunCostAsync();
        await store.ScheduleAsync(FollowUps(500), CancellationToken.None);
        var withFiveHundredFifty = await RunCostAsync();

        Assert.Equal(withFifty, withFiveHundredFifty);
        Assert.Equal(1, withFifty); // one range read of the due bucket, nothing due
    }
}
