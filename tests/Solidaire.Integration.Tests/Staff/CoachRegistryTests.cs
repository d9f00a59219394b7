using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Staff;

/// <summary>The coach registry (issue 8; §3.2, §3.9, §3.14, §5.4): invite, profile, charter, assignability, deactivation.</summary>
public sealed class CoachRegistryTests : AppTest
{
    private static readonly object CompleteProfile = new
    {
        displayName = "Claire Martin",
        languages = new[] { "fr", "en" },
        certification = "certified",
        certifyingBody = "EMCC",
        supervisor = "Groupe de supervision de Lyon",
    };

    private async Task<(StaffClient Coordinator, StaffClient Coach, string CoachId)> InvitedCoachAsync(string email = "claire@example.org")
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var invited = await coordinator.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email, displayName = "Claire" }, HttpStatusCode.Created);
        var coach = await StaffClient.SignInAsync(App, email);
        return (coordinator, coach, invited.GetProperty("coachId").GetString()!);
    }

    [Fact]
    public async Task InvitedCoach_IsToldByEmail_SignsIn_AndSeesWhatIsMissingBeforeAssignment()
    {
        var (_, coach, coachId) = await InvitedCoachAsync();

        var invitation = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "claire@example.org" && m.Subject.Contains("invité", StringComparison.Ordinal));
        Assert.Contains("/staff/", invitation.Text, StringComparison.Ordinal);
        var me = await coach.JsonAsync(HttpMethod.Get, "/api/staff/me");
        Assert.Equal(coachId, me.GetProperty("memberId").GetString());
        Assert.Equal(["coach"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("assignable").GetBoolean());
        Assert.Equal(["profile", "charter_signature"], me.GetProperty("missing").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task CoachWithProfileAndSignedCharter_IsAssignable_InTheRegistry()
    {
        var (coordinator, coach, coachId) = await InvitedCoachAsync();

        await coach.JsonAsync(HttpMethod.Put, "/api/staff/me/profile", CompleteProfile);
        var charter = await coach.JsonAsync(HttpMethod.Get, "/api/staff/charter");
        var signed = await coach.JsonAsync(HttpMethod.Post, "/api/staff/me/charter-signature", new { charterSha256 = charter.GetProperty("sha256").GetString() });

        Assert.True(signed.GetProperty("assignable").GetBoolean());
        Assert.True(signed.GetProperty("charter").GetProperty("signed").GetBoolean());
        var registry = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/coaches");
        var entry = registry.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("coachId").GetString() == coachId);
        Assert.True(entry.GetProperty("assignable").GetBoolean());
        Assert.Equal("Claire Martin", entry.GetProperty("displayName").GetString());
        Assert.Equal("certified", entry.GetProperty("profile").GetProperty("certification").GetString());
    }

    [Fact]
    public async Task Charter_IsTheCollectivesText_AndItsHashIsTheSha256OfIt()
    {
        var (_, coach, _) = await InvitedCoachAsync();

        var charter = await coach.JsonAsync(HttpMethod.Get, "/api/staff/charter");

        var text = charter.GetProperty("text").GetString()!;
        Assert.Contains("Charte du Collectif Accompagnement de Soutien Solidaire", text, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), charter.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task SigningAnotherTextThanTheCharterInForce_IsRefused()
    {
        var (_, coach, _) = await InvitedCoachAsync();

        var problem = await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Post, "/api/staff/me/charter-signature", new { charterSha256 = new string('0', 64) }));

        Assert.Equal(HttpStatusCode.Conflict, problem.Status);
        Assert.Equal("charter_outdated", problem.Code);
    }

    [Fact]
    public async Task ProfileWithoutSupervisor_IsRefused_AndNothingChanges()
    {
        var (_, coach, _) = await InvitedCoachAsync();

        var problem = await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Put, "/api/staff/me/profile",
            new { displayName = "Claire Martin", languages = new[] { "fr" }, certification = "in_training" }));

        Assert.Equal("validation_failed", problem.Code);
        Assert.Equal(["supervisor"], problem.Errors.Keys);
        Assert.Equal("Claire", (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("displayName").GetString());
    }

    [Theory]
    [InlineData("""{"displayName":"Claire","languages":["de"],"certification":"certified","supervisor":"S"}""", "languages")]
    [InlineData("""{"displayName":"Claire","languages":["fr"],"certification":"guru","supervisor":"S"}""", "certification")]
    [InlineData("""{"displayName":"Claire https://x.example","languages":["fr"],"certification":"certified","supervisor":"S"}""", "displayName")]
    [InlineData("""{"displayName":"Claire","languages":["fr"],"certification":"certified","supervisor":"S","hourlyRate":90}""", "hourlyRate")]
    public async Task ProfileWithABadField_IsRefusedForThatField(string body, string field)
    {
        var (_, coach, _) = await InvitedCoachAsync();

        var problem = await Problem.ReadAsync(await coach.SendAsync(HttpMethod.Put, "/api/staff/me/profile", body));

        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task InvitingAnActiveCoachAgain_IsAConflict()
    {
        var (coordinator, _, _) = await InvitedCoachAsync();

        var problem = await Problem.ReadAsync(await coordinator.SendAsync(HttpMethod.Post, "/api/staff/coaches", new { email = "Claire@Example.org", displayName = "Claire" }));

        Assert.Equal(HttpStatusCode.Conflict, problem.Status);
        Assert.Equal("already_registered", problem.Code);
    }

    [Fact]
    public async Task DeactivatedCoach_IsSignedOutAtOnce_GetsNoMoreLinks_AndTheirRecordIsDestroyedAYearLater()
    {
        var (coordinator, coach, coachId) = await InvitedCoachAsync();

        var deactivated = await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/coaches/{coachId}/deactivation");

        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await coach.SendAsync(HttpMethod.Get, "/api/staff/me")).StatusCode);
        var links = EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == "claire@example.org");
        await App.Client.PostAsync("/api/staff/sign-in", Json.Body("""{"email":"claire@example.org"}"""));
        await StaffClient.RequestLinkTokenAsync(App, StaffClient.Coordinator);
        Assert.Equal(links, EmlMessage.ReadFolder(App.MailFolder).Count(m => m.To == "claire@example.org"));

        App.Time.Advance(TimeSpan.FromDays(365) + TimeSpan.FromMinutes(1));
        await App.Services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None);

        // The app's own purge timer woke with the clock too: whichever runner took the deadline, it completes.
        await Eventually.TrueAsync(async () => !(await StorageContents.AllAsync(App, Tables.Dossiers)).Any(r => r.PartitionKey == "staff" && r.RowKey.EndsWith(coachId, StringComparison.Ordinal)),
            "the former coach's record is destroyed");
        var rows = await StorageContents.AllAsync(App, Tables.Dossiers);
        Assert.Contains(rows, r => r.PartitionKey == "staff"); // the coordinator's record stays
    }

    [Fact]
    public async Task DeactivatedCoach_WithAnEngagementStillOpen_IsKeptPastTheYear()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "busy@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!;
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("busy-client@example.org")));
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created);
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(App, Tables.Engagements)).Count == 1, "the engagement is indexed");
        await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/coaches/{coachId}/deactivation");

        App.Time.Advance(TimeSpan.FromDays(366));
        await App.Services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None);

        Assert.Contains(await StorageContents.AllAsync(App, Tables.Dossiers), r => r.PartitionKey == "staff" && r.RowKey == "member|" + coachId);
    }

    [Fact]
    public async Task StaffRecords_AreSealedAtRest()
    {
        var (_, coach, _) = await InvitedCoachAsync();
        await coach.JsonAsync(HttpMethod.Put, "/api/staff/me/profile", CompleteProfile);

        var dump = await StorageContents.DumpAsync(App);

        foreach (var clear in new[] { "claire@example.org", "Claire Martin", "Groupe de supervision", "coordination@solidaire.test" })
            Assert.DoesNotContain(clear, dump, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheLastCoordinator_CannotBeDeactivated()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var me = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/me");

        var problem = await Problem.ReadAsync(await coordinator.SendAsync(HttpMethod.Post, $"/api/staff/coaches/{me.GetProperty("memberId").GetString()}/deactivation"));

        Assert.Equal("last_coordinator", problem.Code);
    }
}

/// <summary>Coordinator notices follow the registry, not the start-up setting, once the registry is read.</summary>
public sealed class CoordinatorNoticeRecipientTests : AppTest
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Staff:BootstrapCoordinators"] = "coordination@solidaire.test,second@solidaire.test";

    [Fact]
    public async Task ADeactivatedCoordinator_NoLongerGetsIntakeNotices()
    {
        var first = await StaffClient.SignInAsync(App, "coordination@solidaire.test");
        var second = await StaffClient.SignInAsync(App, "second@solidaire.test");
        var secondId = (await second.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        await first.JsonAsync(HttpMethod.Post, $"/api/staff/coaches/{secondId}/deactivation");

        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("notices@example.org")));

        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "coordination@solidaire.test" && m.Subject.Contains(reference, StringComparison.Ordinal));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "notices@example.org");
        Assert.DoesNotContain(EmlMessage.ReadFolder(App.MailFolder), m => m.To == "second@solidaire.test" && m.Subject.Contains(reference, StringComparison.Ordinal));
    }
}
