using System.Net;
using System.Text.Json;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Staff;

/// <summary>Triage and assignment (issue 8; §2 Clients, §3.7, §3.8, §3.17–3.20).</summary>
public sealed class TriageTests : AppTest
{
    private async Task<(StaffClient Coordinator, StaffClient Coach, string CoachId)> TeamAsync()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!;
        return (coordinator, coach, coachId);
    }

    private async Task<(string Reference, string Id)> IntakeAsync(StaffClient coordinator, string email, string language = "fr", string? situation = null, string? organisation = null)
    {
        var body = IntakeBodies.Valid(email, language, situation: situation);
        if (organisation is not null)
            body["organisation"] = organisation;
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body));
        return (reference, await StaffWorld.IntakeIdAsync(App, coordinator, reference));
    }

    [Fact]
    public async Task Queue_PutsUrgentFirst_AndShowsTheSituation_ButNoContactDetails()
    {
        var (coordinator, _, _) = await TeamAsync();
        await IntakeAsync(coordinator, "calm@example.org");
        App.Time.Advance(TimeSpan.FromSeconds(1));
        var (urgentRef, _) = await IntakeAsync(coordinator, "urgent@example.org", situation: "Je n'en peux plus, j'ai des idées de suicide depuis la fermeture.");

        var queue = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new");

        var items = queue.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(urgentRef, items[0].GetProperty("reference").GetString());
        Assert.True(items[0].GetProperty("urgent").GetBoolean());
        Assert.Contains("suicide", items[0].GetProperty("situation").GetString(), StringComparison.Ordinal);
        var text = queue.GetRawText();
        foreach (var contact in new[] { "urgent@example.org", "calm@example.org", "Jeanne", "Dupont", "+33" })
            Assert.DoesNotContain(contact, text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, queue.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Queue_IsPaginated_TwentyAtATime_WithACursorToTheNext()
    {
        var (coordinator, _, _) = await TeamAsync();
        for (var i = 0; i < 23; i++)
            await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid($"page{i}@example.org")));
        await Eventually.TrueAsync(async () => (await StorageContents.RowsAsync(App, Solidaire.Core.Storage.Tables.IntakeQueue, "")).Count == 23, "all queued");

        var first = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new");
        var next = first.GetProperty("next").GetString()!;
        var second = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new&cursor=" + Uri.EscapeDataString(next));

        Assert.Equal(20, first.GetProperty("items").GetArrayLength());
        Assert.Equal(3, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(23, ids.Count);
    }

    [Fact]
    public async Task Detail_GivesTheContactDetails_AndLogsEveryRead_WithoutItsContent()
    {
        var (coordinator, _, _) = await TeamAsync();
        var (_, id) = await IntakeAsync(coordinator, "detail@example.org");

        await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{id}");
        var detail = await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{id}");

        Assert.Equal("detail@example.org", detail.GetProperty("contact").GetProperty("email").GetString());
        var log = detail.GetProperty("accessLog").EnumerateArray().ToArray();
        Assert.Equal(2, log.Length);
        Assert.All(log, entry => Assert.Equal("coordination", entry.GetProperty("displayName").GetString()));
        var logRows = (await StorageContents.RowsAsync(App, Solidaire.Core.Storage.Tables.Dossiers, "access|")).ToArray();
        Assert.Equal(2, logRows.Length);
        Assert.All(logRows, r => Assert.Equal(["At", "MemberId", "odata.etag", "PartitionKey", "RowKey", "Timestamp"], r.Keys.Order()));
    }

    [Fact]
    public async Task CoordinatorNotice_LinksStraightToTheIntakeInTheConsole()
    {
        var (coordinator, _, _) = await TeamAsync();
        var (reference, id) = await IntakeAsync(coordinator, "linked@example.org", situation: "Il me frappe et je suis en danger, je ne sais plus quoi faire.");

        var alert = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == StaffClient.Coordinator && m.Subject.Contains(reference, StringComparison.Ordinal));

        Assert.Contains("URGENT", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("/staff/#intake=" + id, alert.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.SendAsync(HttpMethod.Get, $"/api/staff/intakes/{id}")).StatusCode);
    }

    [Fact]
    public async Task Assignment_ToACoachWithoutProfileOrCharter_IsRefusedWithWhatIsMissing()
    {
        var (coordinator, _, _) = await TeamAsync();
        var fresh = await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email = "fresh@example.org", displayName = "Nouvelle" }, HttpStatusCode.Created);
        var (_, id) = await IntakeAsync(coordinator, "client@example.org");

        var response = await coordinator.SendAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId = fresh.GetProperty("coachId").GetString() });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Conflict, problem.Status);
        Assert.Equal("coach_not_assignable", problem.Code);
        Assert.Equal(["profile", "charter_signature"], problem.Body.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Assignment_TellsTheCoachWithALink_TheCoachConfirms_AndTheClientHearsACoachWasFound_InTheirLanguage()
    {
        var (coordinator, coach, coachId) = await TeamAsync();
        var (reference, id) = await IntakeAsync(coordinator, "found@example.org", language: "en");

        var assigned = await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId }, HttpStatusCode.Created);
        var engagementId = assigned.GetProperty("engagementId").GetString()!;

        var told = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "coach@example.org" && m.Subject.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("/staff/#engagement=" + engagementId, told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("found@example.org", told.Text, StringComparison.Ordinal);
        JsonElement mine = default;
        await Eventually.TrueAsync(async () => (mine = await coach.JsonAsync(HttpMethod.Get, "/api/staff/engagements")).GetProperty("items").GetArrayLength() == 1,
            "the engagement is in the coach's list (indexed right after the assignment, beside its email)");
        var proposed = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("proposed", proposed.GetProperty("status").GetString());
        Assert.Equal("Jeanne", proposed.GetProperty("clientFirstName").GetString());
        Assert.Equal(id, proposed.GetProperty("intakeId").GetString()); // the coach opens the client's details from there
        Assert.Equal(HttpStatusCode.OK, (await coach.SendAsync(HttpMethod.Get, $"/api/staff/intakes/{id}")).StatusCode);

        var undeclared = await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Post, $"/api/staff/engagements/{engagementId}/confirmation", new { noConflictDeclared = false }));
        Assert.Equal("validation_failed", undeclared.Code);
        var confirmed = await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagementId}/confirmation", new { noConflictDeclared = true });

        Assert.Equal("active", confirmed.GetProperty("status").GetString());
        var found = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "found@example.org" && m.Subject.Contains("coach will support you", StringComparison.Ordinal));
        Assert.Equal("en", found.Language);
        Assert.Contains("Claire Martin", found.Text, StringComparison.Ordinal);
        Assert.Contains("3114", found.Text, StringComparison.Ordinal);
        var queue = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new");
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task AssigningTheSameIntakeTenTimesAtOnce_MakesExactlyOneEngagement()
    {
        var (coordinator, _, coachId) = await TeamAsync();
        var (_, id) = await IntakeAsync(coordinator, "race@example.org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => coordinator.SendAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            Assert.Contains((await Problem.ReadAsync(refused)).Code, new[] { "already_assigned", "intake_conflict" });
        Assert.Single(await StorageContents.RowsAsync(App, Solidaire.Core.Storage.Tables.Dossiers, "engagement|"));
    }

    [Fact]
    public async Task CoachDeclining_ReturnsTheIntakeToTheQueue()
    {
        var (coordinator, coach, coachId) = await TeamAsync();
        var (_, id) = await IntakeAsync(coordinator, "back@example.org");
        var engagementId = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();

        var refused = await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagementId}/refusal", new { reason = "Je connais son employeur." });

        Assert.Equal("refused", refused.GetProperty("status").GetString());
        Assert.Equal(id, await StaffWorld.IntakeIdAsync(App, coordinator, (await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{id}")).GetProperty("reference").GetString()!));
        Assert.Equal(HttpStatusCode.Forbidden, (await coach.SendAsync(HttpMethod.Get, $"/api/staff/intakes/{id}")).StatusCode);
        Assert.DoesNotContain("employeur", await StorageContents.DumpAsync(App), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_TellsTheClientKindlyWithTheReferral_InTheirLanguage_AndTakesTheIntakeOffTheQueue()
    {
        var (coordinator, _, coachId) = await TeamAsync();
        var (reference, id) = await IntakeAsync(coordinator, "declined@example.org");

        await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/decline", new { reason = "Demande de thérapie", referral = "un·e psychologue : annuaire sur sante.fr" });

        var told = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "declined@example.org" && m.Subject.Contains("À propos de votre demande", StringComparison.Ordinal));
        Assert.Contains("un·e psychologue", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Demande de thérapie", told.Text, StringComparison.Ordinal); // the reason is the collective's, not a message to the client
        Assert.Contains("3114", told.Text, StringComparison.Ordinal);
        var queue = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new");
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("reference").GetString() == reference);
        var problem = await Problem.ReadAsync(await coordinator.SendAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId }));
        Assert.Equal("intake_closed", problem.Code);
    }

    [Fact]
    public async Task AnOpenEngagementWithTheSameOrganisation_IsFlaggedBeforeAssignment()
    {
        var (coordinator, _, coachId) = await TeamAsync();
        var (_, first) = await IntakeAsync(coordinator, "colleague1@example.org", organisation: "Boulangerie Martin");
        await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{first}/assignment", new { coachId }, HttpStatusCode.Created);
        var (_, second) = await IntakeAsync(coordinator, "colleague2@example.org", organisation: "  boulangerie MARTIN ");

        JsonElement detail = default;
        await Eventually.TrueAsync(async () =>
        {
            detail = await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{second}");
            return detail.GetProperty("sameOrganisationCoachIds").GetArrayLength() > 0;
        }, "the first engagement is indexed");

        Assert.Equal([coachId], detail.GetProperty("sameOrganisationCoachIds").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task UnknownOrForgedIntakeIds_AreNotFound()
    {
        var (coordinator, _, _) = await TeamAsync();

        foreach (var id in new[] { "nope", "staff.ABC", "c" + new string('0', 64) + ".ABCDEFGHJKLM", "c" + new string('0', 64) + ".../x" })
        {
            var response = await coordinator.SendAsync(HttpMethod.Get, "/api/staff/intakes/" + Uri.EscapeDataString(id));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{id}: {(int)response.StatusCode}");
        }
    }

}
