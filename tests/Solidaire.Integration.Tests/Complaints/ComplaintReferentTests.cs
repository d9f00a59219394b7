using System.Net;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Complaints;

/// <summary>The ethics referents' console routes (rule 12): read a complaint, close it once; no one else may.</summary>
public sealed class ComplaintReferentTests : AppTest
{
    private async Task<(StaffClient Coordinator, StaffClient Referent, string Id)> OneComplaintAsync()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var referent = await StaffWorld.ReferentAsync(App, coordinator, StaffWorld.ReferentEmail);
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostComplaintAsync(ComplaintBodies.Valid("plaignant@example.org", "en", memberName: "Bruno Leroy")));
        return (coordinator, referent, await StaffWorld.ComplaintIdAsync(referent, reference));
    }

    [Fact]
    public async Task Referent_ReadsTheComplaint_WithItsWordsAndContact_WhileTheListHasNoContact()
    {
        var (_, referent, id) = await OneComplaintAsync();

        var list = await referent.JsonAsync(HttpMethod.Get, "/api/staff/complaints");
        var detail = await referent.JsonAsync(HttpMethod.Get, $"/api/staff/complaints/{id}");

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("open", item.GetProperty("status").GetString());
        Assert.Equal("Bruno Leroy", item.GetProperty("memberName").GetString());
        Assert.False(item.TryGetProperty("contactEmail", out _));
        Assert.False(item.TryGetProperty("description", out _));
        Assert.Equal(ComplaintBodies.Description, detail.GetProperty("description").GetString());
        Assert.Equal("plaignant@example.org", detail.GetProperty("contactEmail").GetString());
        Assert.Equal("ABCD-2345-EFGH", detail.GetProperty("engagementReference").GetString());
        Assert.Equal("en", detail.GetProperty("preferredLanguage").GetString());
    }

    [Fact]
    public async Task ClosingAComplaint_RecordsItsResolutionAndTime_AndASecondClosureIsAConflict()
    {
        var (_, referent, id) = await OneComplaintAsync();

        var closed = await referent.JsonAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "Entretien avec le membre ; rappel de la charte §3.8." });
        var again = await referent.SendAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "Autre chose." });

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(App.Time.GetUtcNow(), closed.GetProperty("closedAt").GetDateTimeOffset());
        var problem = await Problem.ReadAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, problem.Status);
        Assert.Equal("already_closed", problem.Code);
        var detail = await referent.JsonAsync(HttpMethod.Get, $"/api/staff/complaints/{id}");
        Assert.Equal("closed", detail.GetProperty("status").GetString());
        Assert.Equal("Entretien avec le membre ; rappel de la charte §3.8.", detail.GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task ClosureWithoutResolution_Is400_AndTheComplaintStaysOpen()
    {
        var (_, referent, id) = await OneComplaintAsync();

        var response = await referent.SendAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "  " });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Equal(["resolution"], problem.Errors.Keys);
        Assert.Equal("open", (await referent.JsonAsync(HttpMethod.Get, $"/api/staff/complaints/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("ZZZZZZZZZZZZ")]
    [InlineData("not-an-id")]
    public async Task UnknownComplaint_Is404(string id)
    {
        var (_, referent, _) = await OneComplaintAsync();

        var response = await referent.SendAsync(HttpMethod.Get, $"/api/staff/complaints/{id}");

        Assert.Equal("complaint_not_found", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task CoordinatorsAndCoaches_AreForbiddenTheComplaints()
    {
        var (coordinator, _, id) = await OneComplaintAsync();
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "coach@example.org");

        foreach (var member in new[] { coordinator, coach })
        {
            var list = await member.SendAsync(HttpMethod.Get, "/api/staff/complaints");
            var detail = await member.SendAsync(HttpMethod.Get, $"/api/staff/complaints/{id}");
            Assert.Equal("forbidden", (await Problem.ReadAsync(list)).Code);
            Assert.Equal(HttpStatusCode.Forbidden, detail.StatusCode);
        }
    }

    [Fact]
    public async Task GrantingTheReferentRole_AddsItToAnExistingCoach_AndTwiceIsAlreadyRegistered()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        await StaffWorld.ReadyCoachAsync(App, coordinator, "coach@example.org");

        var granted = await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/referents", new { email = "coach@example.org", displayName = "Coach" }, HttpStatusCode.Created);
        var again = await coordinator.SendAsync(HttpMethod.Post, "/api/staff/referents", new { email = "coach@example.org", displayName = "Coach" });

        Assert.Equal(["coach", "referent"], granted.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("already_registered", (await Problem.ReadAsync(again)).Code);
    }

    [Fact]
    public async Task ReferentsList_CostsOneReadAfterTheCaller_AndAClosureThree()
    {
        var (_, referent, id) = await OneComplaintAsync();
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == StaffWorld.ReferentEmail && m.Subject.Contains("réclamation", StringComparison.Ordinal));
        long settled;
        do
        {
            // The complaint's emails are recorded as sent in the background: let that finish first.
            settled = App.StorageRequests;
            await Task.Delay(300);
        }
        while (App.StorageRequests != settled);

        var before = App.StorageRequests;
        await referent.JsonAsync(HttpMethod.Get, "/api/staff/complaints");
        var list = App.StorageRequests - before;
        before = App.StorageRequests;
        await referent.JsonAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "Traitée." });
        var closure = App.StorageRequests - before;

        // The caller's record, then the complaints partition; for a closure the complaint, the file's
        // destruction deadline (3 years on) and one guarded transaction.
        Assert.Equal(2, list);
        Assert.Equal(4, closure);
    }
}
