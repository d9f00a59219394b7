using System.Net;
using System.Text;
using System.Text.Json;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Sessions;

/// <summary>Sessions within the charter's limits (issue 10; rule 8, §3.5, §3.15, §3.23), through the API.</summary>
public sealed class SessionRecordingTests : AppTest
{
    private DateTimeOffset Day(int days, int hour = 14) =>
        new DateTimeOffset(App.Time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(days).AddHours(hour - 1).ToOffset(TimeSpan.FromHours(1));

    private static object Session(DateTimeOffset start, string medium = "video", int minutes = 60, string? notes = null) =>
        notes is null
            ? new { date = start.ToString("yyyy-MM-dd'T'HH:mmzzz"), durationMinutes = minutes, medium }
            : new { date = start.ToString("yyyy-MM-dd'T'HH:mmzzz"), durationMinutes = minutes, medium, notes };

    private async Task<int> StoredSessionsAsync() => (await StorageContents.RowsAsync(App, Tables.Dossiers, "session|")).Count;

    [Fact]
    public async Task FourSessionsRecorded_AFifthIsRefused_WithTheTwoWaysOn_AndNothingStored()
    {
        var e = await SignedEngagement.CreateAsync(App);
        for (var i = 0; i < 4; i++)
            await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(1 + 3 * i)), HttpStatusCode.Created);

        var fifth = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(20))));

        Assert.Equal(HttpStatusCode.Conflict, fifth.Status);
        Assert.Equal("session_limit_reached", fifth.Code);
        Assert.Equal(["classic_contract", "referral"], fifth.Body.GetProperty("alternatives").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(4, await StoredSessionsAsync());
        var view = await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}");
        Assert.Equal(4, view.GetProperty("sessionCount").GetInt32());
        Assert.Equal(4, view.GetProperty("sessionLimit").GetInt32());
    }

    [Fact]
    public async Task MoreSessionsThanTheContractPlanned_AreRefused()
    {
        var e = await SignedEngagement.CreateAsync(App, sessionsPlanned: 2);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(1)), HttpStatusCode.Created);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(5)), HttpStatusCode.Created);

        var third = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(9))));

        Assert.Equal("session_limit_reached", third.Code);
        Assert.Equal(2, await StoredSessionsAsync());
    }

    [Fact]
    public async Task BeforeTheContractIsSigned_NoSessionCanBeRecorded()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "unsigned-coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("unsigned@example.org"))));
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", new { sessionsPlanned = 2, usualPricePerSessionEur = 60 }, HttpStatusCode.Created);

        var refused = await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/sessions", Session(Day(1))));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("contract_not_signed", refused.Code);
        Assert.Equal(0, await StoredSessionsAsync());
    }

    [Fact]
    public async Task SessionsTooClose_TooFarAhead_OrBeforeTheSignature_AreRefused_WithTheirOwnCodes()
    {
        var e = await SignedEngagement.CreateAsync(App);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(3)), HttpStatusCode.Created);

        var close = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(4))));
        var far = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(91))));
        var early = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(-2))));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "sessions_too_close"), (close.Status, close.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "session_too_far_ahead"), (far.Status, far.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "session_before_signature"), (early.Status, early.Code));
        Assert.Equal(1, await StoredSessionsAsync());
    }

    [Theory]
    [InlineData("""{"date":"tomorrow","durationMinutes":60,"medium":"video"}""", "date")]
    [InlineData("""{"date":"2030-01-01T10:00","durationMinutes":60,"medium":"video"}""", "date")]
    [InlineData("""{"date":"2030-01-01T10:00+01:00","durationMinutes":5,"medium":"video"}""", "durationMinutes")]
    [InlineData("""{"date":"2030-01-01T10:00+01:00","durationMinutes":"60","medium":"video"}""", "durationMinutes")]
    [InlineData("""{"date":"2030-01-01T10:00+01:00","durationMinutes":60,"medium":"carrier pigeon"}""", "medium")]
    [InlineData("""{"date":"2030-01-01T10:00+01:00","durationMinutes":60,"medium":"video","count":5}""", "count")]
    public async Task MalformedSessions_AreRefusedField_ByField_AndNothingStored(string body, string field)
    {
        var e = await SignedEngagement.CreateAsync(App);

        var refused = await Problem.ReadAsync(await e.Coach.SendAsync(HttpMethod.Post, e.Sessions, body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Body.GetProperty("errors").TryGetProperty(field, out _), refused.Body.ToString());
        Assert.Equal(0, await StoredSessionsAsync());
    }

    [Fact]
    public async Task OnlyTheAssignedCoach_RecordsSessions()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var other = await StaffWorld.ReadyCoachAsync(App, e.Coordinator, "other-session-coach@example.org");

        var byOther = await Problem.ReadAsync(await other.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(1))));
        var byCoordinator = await Problem.ReadAsync(await e.Coordinator.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(1))));
        var anonymous = await Problem.ReadAsync(await StaffClient.SendAsync(App, HttpMethod.Post, e.Sessions, null, Session(Day(1))));

        Assert.Equal(HttpStatusCode.Forbidden, byOther.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(0, await StoredSessionsAsync());
    }

    [Fact]
    public async Task WithThreeSessions_TwentyConcurrentRecords_CreateExactlyOne()
    {
        var e = await SignedEngagement.CreateAsync(App);
        for (var i = 0; i < 3; i++)
            await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(1 + 3 * i)), HttpStatusCode.Created);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(12 + 3 * i)))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(4, await StoredSessionsAsync());
    }

    [Fact]
    public async Task FourConcurrentRecords_SomeWinningAfterALostRace_SendEachPartyOneInvitationPerSession()
    {
        var e = await SignedEngagement.CreateAsync(App);

        // Four records of one engagement at once: each commit is guarded by the engagement's ETag, so all but
        // the first lose a race and run the rule again, making their two invitations again each time.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => e.Coach.SendAsync(HttpMethod.Post, e.Sessions, Session(Day(1 + 3 * i)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(4, await StoredSessionsAsync());
        var stored = (await StorageContents.RowsAsync(App, Tables.Dossiers, Solidaire.Core.Dossiers.DossierKeys.AnyOutbox))
            .Where(r => r.GetString("Kind") is Solidaire.Core.Sessions.SessionEmails.InvitationToClient or Solidaire.Core.Sessions.SessionEmails.InvitationToCoach).ToArray();
        Assert.Equal(8, stored.Length); // a lost attempt's invitations are never stored beside the winner's
        IReadOnlyList<(string To, string Uid)> sent = [];
        await Eventually.TrueAsync(() =>
        {
            sent = [.. EmlMessage.ReadFolder(App.MailFolder)
                .SelectMany(m => m.Attachments.Where(a => a.FileName.EndsWith(".ics", StringComparison.Ordinal))
                    .Select(a => (m.To, Calendar.Load(Encoding.UTF8.GetString(a.Content))!.Events.Single().Uid!)))];
            return Task.FromResult(sent.Count >= 8);
        }, "the eight invitations are sent");
        Assert.Equal(8, sent.Count);
        Assert.Equal(4, sent.Select(s => s.Uid).Distinct().Count());
        Assert.All(sent.GroupBy(s => s), g => Assert.Single(g));
        Assert.Equal(4, sent.Count(s => s.To == e.ClientEmail));
        Assert.Equal(4, sent.Count(s => s.To == e.CoachEmail));
    }

    [Fact]
    public async Task RecordingASession_CostsTwoStorageRoundTrips_OnTheRequestPath()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var actor = (await App.Services.GetRequiredService<Solidaire.Core.Staff.StaffAccess>().AuthenticateAsync(e.Coach.AccessToken, CancellationToken.None)).Value!;
        var sessions = App.Services.GetRequiredService<Solidaire.Core.Sessions.SessionService>();
        var form = Solidaire.Core.Sessions.SessionForm.Parse(JsonDocument.Parse(JsonSerializer.Serialize(Session(Day(2)))).RootElement).Value!;

        long cost;
        using (var scope = StorageRequestCounter.BeginScope())
        {
            Assert.True((await sessions.RecordAsync(actor, e.EngagementId, form, CancellationToken.None)).IsSuccess);
            cost = scope.Count;
        }

        Assert.Equal(Solidaire.Core.Sessions.SessionService.RecordRoundTrips, cost); // the dossier read, one transaction (the emails' deadline is written after, off the request path)
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == e.ClientEmail && m.Attachments.Any(a => a.FileName.EndsWith(".ics", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BothParties_GetACalendarInvitation_UpdatedWhenTheSessionMoves_AndCancelledWhenItIsRemoved()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var recorded = await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(2, 10), notes: "Reprendre la lettre."), HttpStatusCode.Created);
        var id = recorded.GetProperty("id").GetString();
        var room = recorded.GetProperty("roomUrl").GetString()!;
        Assert.StartsWith("https://meet.jit.si/solidaire-", room, StringComparison.Ordinal);

        var first = await InvitationAsync(e.ClientEmail, "REQUEST", 0);
        var coachFirst = await InvitationAsync(e.CoachEmail, "REQUEST", 0);
        var vevent = Assert.Single(first.Events);
        Assert.Equal(Day(2, 10).UtcDateTime, vevent.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromMinutes(60), vevent.Duration!.Value.ToTimeSpanUnspecified());
        Assert.Equal(room, vevent.Location);
        Assert.Equal(vevent.Uid, Assert.Single(coachFirst.Events).Uid);

        await e.Coach.JsonAsync(HttpMethod.Put, $"{e.Sessions}/{id}", Session(Day(3, 11), minutes: 45));
        var moved = Assert.Single((await InvitationAsync(e.ClientEmail, "REQUEST", 1)).Events);
        Assert.Equal(vevent.Uid, moved.Uid);
        Assert.Equal(Day(3, 11).UtcDateTime, moved.DtStart!.AsUtc);

        await e.Coach.JsonAsync(HttpMethod.Delete, $"{e.Sessions}/{id}");
        var cancelled = Assert.Single((await InvitationAsync(e.ClientEmail, "CANCEL", 2)).Events);
        Assert.Equal(vevent.Uid, cancelled.Uid);
        Assert.Equal(0, (await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}")).GetProperty("sessionCount").GetInt32());
        Assert.Equal(0, await StoredSessionsAsync());
    }

    [Fact]
    public async Task PrivateNotes_AreSealedInStorage_AndShownOnlyToTheCoach()
    {
        var e = await SignedEngagement.CreateAsync(App);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(Day(2), "phone", notes: "Parle de son associé Bertrand."), HttpStatusCode.Created);

        var view = await e.Coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}");
        Assert.Equal("Parle de son associé Bertrand.", Assert.Single(view.GetProperty("sessions").EnumerateArray()).GetProperty("notes").GetString());
        var stored = string.Join("\n", (await StorageContents.AllAsync(App, Tables.Dossiers)).SelectMany(r => r.Select(kv => kv.Value?.ToString())));
        Assert.DoesNotContain("Bertrand", stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await e.Coordinator.SendAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}")).StatusCode);
    }

    private async Task<Calendar> InvitationAsync(string to, string method, int sequence)
    {
        Calendar? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = EmlMessage.ReadFolder(App.MailFolder).Where(m => m.To == to)
                .SelectMany(m => m.Attachments.Where(a => a.FileName.EndsWith(".ics", StringComparison.Ordinal)))
                .Select(a => Calendar.Load(Encoding.UTF8.GetString(a.Content))!)
                .FirstOrDefault(c => c.Method == method && c.Events.Single().Sequence == sequence);
            return Task.FromResult(found is not null);
        }, $"an invitation {method} #{sequence} to {to}");
        return found!;
    }
}
