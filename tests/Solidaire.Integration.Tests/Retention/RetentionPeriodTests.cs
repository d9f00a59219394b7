using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Contracts;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Storage;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Retention;

/// <summary>
/// Issue 11's table, row by row, under the fake clock (rule 10; §3.12, §3.23, §4.11): each record is
/// readable the day before its date and gone, with its data key, the day after; and what the subject
/// wrote is then found nowhere: no table, no email written since, no log line.
/// </summary>
public sealed class RetentionPeriodTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly LogCapture _logs = new();
    private TestApp App { get; set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(services: _logs.Register);

    public async Task DisposeAsync() => await App.DisposeAsync();

    private async Task PurgeAsync()
    {
        await App.Services.GetRequiredService<TimerScheduler>().RunNowAsync("PurgeExpired", CancellationToken.None);
        // The app's own purge timer may have woken with the clock: let whichever runner took a deadline finish.
        await Eventually.TrueAsync(async () => !(await DueRetentionAsync()).Any(), "every due destruction ran");
    }

    private async Task<IReadOnlyList<Deadline>> DueRetentionAsync() =>
        [.. (await StorageContents.AllAsync(App, Tables.Deadlines)).Select(DeadlineRows.From)
            .Where(d => d.Lane == DeadlineLane.Retention && d.Due <= App.Time.GetUtcNow() && d.Kind != "?")];

    private DossierId DossierOf(string email) => DossierId.ForEmail(App.Services.GetRequiredService<PersonalDataProtector>(), email);

    private async Task<IReadOnlyList<TableEntity>> DossierRowsAsync(string email) =>
        [.. (await StorageContents.AllAsync(App, Tables.Dossiers)).Where(r => r.PartitionKey == DossierOf(email).PartitionKey)];

    private static System.Text.Json.Nodes.JsonObject CanaryIntake(string email)
    {
        var body = IntakeBodies.Valid(email, situation: "Depuis la crise, la licorne-canari-7421 de mon équipe ne dort plus.");
        body["firstName"] = "Canarine";
        body["lastName"] = "Zeppelinova";
        body["phone"] = "+33 6 98 76 54 32";
        body["organisation"] = "Atelier Pinsonnet";
        return body;
    }

    private static Canaries IntakeCanaries(string email) =>
        new("Canarine", "Zeppelinova", email, "98 76 54 32", "licorne-canari-7421", "Pinsonnet");

    [Fact]
    public async Task UnfollowedIntake_IsReadableOnDay89_AndGoneWithItsKeyOnDay91_LeavingItsWordsNowhere()
    {
        const string email = "canari.unfollowed@example.org";
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(CanaryIntake(email)));
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, reference);

        App.Time.Advance(89 * Day);
        await PurgeAsync();
        coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var before = await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{intake}");
        Assert.Contains("Canarine", before.ToString(), StringComparison.Ordinal);
        var mail = Canaries.MailFiles(App);

        App.Time.Advance(2 * Day);
        await PurgeAsync();

        coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.SendAsync(HttpMethod.Get, $"/api/staff/intakes/{intake}")).StatusCode);
        var left = await DossierRowsAsync(email);
        Assert.DoesNotContain(left, r => r.RowKey.StartsWith("key|", StringComparison.Ordinal) || r.RowKey.StartsWith("intake|", StringComparison.Ordinal)
                                         || r.RowKey.StartsWith("outbox|", StringComparison.Ordinal) || r.RowKey.StartsWith("dedup|", StringComparison.Ordinal));
        Assert.Empty(await StorageContents.AllAsync(App, Tables.IntakeQueue));
        await IntakeCanaries(email).AssertNowhereAsync(App, mail, _logs);
        var logged = await App.Services.GetRequiredService<DestructionLog>().ReadAsync(DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None);
        Assert.Contains(logged, e => e.Kind == DestructionKinds.UnfollowedIntake && e.Keys == 1 && e.Rows >= 2);
    }

    [Fact]
    public async Task WorkingData_IsReadable179DaysAfterClosure_GoneOn181_WhileTheSignedContractIsKeptFiveYears_ThenGoneWithItsKey()
    {
        const string email = "canari.working@example.org";
        var e = await SignedEngagement.CreateAsync(App, clientEmail: email);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new
        {
            date = App.Time.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd'T'HH:mmzzz"),
            durationMinutes = 60,
            medium = "video",
            notes = "Note privée: pivoine-canari-5512 évoquée.",
        }, HttpStatusCode.Created);
        App.Time.Advance(2 * Day);
        var coach = await StaffClient.SignInAsync(App, e.CoachEmail);
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{e.EngagementId}/closure", new { outcome = "completed" });
        var canaries = new Canaries("Jeanne", "Dupont-Lefèvre", email, "12 34 56 78", "pivoine-canari-5512");

        App.Time.Advance(179 * Day);
        await PurgeAsync();
        coach = await StaffClient.SignInAsync(App, e.CoachEmail);
        var view = await coach.JsonAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}");
        Assert.Contains("pivoine-canari-5512", view.ToString(), StringComparison.Ordinal);
        var mail = Canaries.MailFiles(App);

        App.Time.Advance(2 * Day);
        await PurgeAsync();

        coach = await StaffClient.SignInAsync(App, e.CoachEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await coach.SendAsync(HttpMethod.Get, $"/api/staff/engagements/{e.EngagementId}")).StatusCode);
        var left = await DossierRowsAsync(email);
        var contract = Assert.Single(left, r => r.RowKey.StartsWith(StoredContract.Prefix, StringComparison.Ordinal));
        var contractId = contract.RowKey[StoredContract.Prefix.Length..];
        // What is left is the evidence archive alone: the contract, its events and its key; nothing of the working data.
        Assert.All(left, r => Assert.True(
            r.RowKey == contract.RowKey || r.RowKey == DossierKeys.DataKey(contractId) || r.RowKey.StartsWith(StoredContract.EventPrefixOf(contractId), StringComparison.Ordinal),
            $"{r.RowKey} outlived the working data"));
        Assert.Empty(await StorageContents.AllAsync(App, Tables.Engagements));
        await canaries.AssertNowhereAsync(App, mail, _logs);

        // Five years after closure, less a day: the evidence still opens (its key unwraps it, its document reads).
        App.Time.Advance(TimeSpan.FromDays(365 * 5 - 181 - 1));
        await PurgeAsync();
        var kept = await DossierRowsAsync(email);
        var row = Assert.Single(kept, r => r.RowKey == contract.RowKey);
        var key = Assert.Single(kept, r => r.RowKey == DossierKeys.DataKey(contractId));
        using (var cipher = UnitCipher.Open(App.Services.GetRequiredService<PersonalDataProtector>(), new RetentionUnit(DossierOf(email), contractId), DataKeyRow.WrappedKeyOf(key)!))
            Assert.Equal(ContractStatus.Signed, StoredContract.Open(cipher, row).Status);

        App.Time.Advance(3 * Day);
        await PurgeAsync();

        Assert.Empty(await DossierRowsAsync(email));
        var logged = await App.Services.GetRequiredService<DestructionLog>().ReadAsync(DateOnly.MinValue, DateOnly.MaxValue, CancellationToken.None);
        Assert.Contains(logged, l => l.Kind == DestructionKinds.WorkingData);
        Assert.Contains(logged, l => l.Kind == DestructionKinds.ContractEvidence && l.Keys == 1);
    }

    [Fact]
    public async Task ClosedComplaint_IsReadableUntilThreeYearsAfterClosure_ThenGoneWithItsKey()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var referent = await StaffWorld.ReferentAsync(App, coordinator, StaffWorld.ReferentEmail);
        const string complainant = "canari.plainte@example.org";
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostComplaintAsync(
            ComplaintBodies.Valid(complainant, description: "Le coach a parlé de ma situation (mésange-canari-3301) à un tiers.")));
        var id = await StaffWorld.ComplaintIdAsync(referent, reference);
        await referent.JsonAsync(HttpMethod.Post, $"/api/staff/complaints/{id}/closure", new { resolution = "Rappel écrit au membre: grive-canari-8830." });

        App.Time.Advance(TimeSpan.FromDays(365 * 3 - 1));
        await PurgeAsync();
        referent = await StaffClient.SignInAsync(App, StaffWorld.ReferentEmail);
        Assert.Contains("canari-3301", (await referent.JsonAsync(HttpMethod.Get, $"/api/staff/complaints/{id}")).ToString(), StringComparison.Ordinal);
        var mail = Canaries.MailFiles(App);

        App.Time.Advance(3 * Day);
        await PurgeAsync();

        referent = await StaffClient.SignInAsync(App, StaffWorld.ReferentEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await referent.SendAsync(HttpMethod.Get, $"/api/staff/complaints/{id}")).StatusCode);
        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Dossiers), r => r.PartitionKey == DossierId.Complaints.PartitionKey && r.RowKey.EndsWith(id, StringComparison.Ordinal));
        await new Canaries(complainant, "mésange-canari-3301", "grive-canari-8830").AssertNowhereAsync(App, mail, _logs);
    }

    [Fact]
    public async Task SentEmail_IsKeptThirtyDaysAfterSending_ThenItsRowIsGone_WhileItsIntakeStays()
    {
        const string email = "canari.outbox@example.org";
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(CanaryIntake(email)));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == email);
        await Eventually.TrueAsync(async () => (await DossierRowsAsync(email)).Any(r => r.RowKey.StartsWith("outbox|", StringComparison.Ordinal) && r.GetString("Status") == "sent"),
            "the acknowledgement is recorded as sent");

        App.Time.Advance(29 * Day);
        await PurgeAsync();
        Assert.Contains(await DossierRowsAsync(email), r => r.RowKey.StartsWith("outbox|", StringComparison.Ordinal));

        App.Time.Advance(2 * Day);
        await PurgeAsync();

        var left = await DossierRowsAsync(email);
        Assert.DoesNotContain(left, r => r.RowKey.StartsWith("outbox|", StringComparison.Ordinal));
        Assert.Contains(left, r => r.RowKey.StartsWith("intake|", StringComparison.Ordinal));
        Assert.Contains(left, r => r.RowKey.StartsWith("key|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContactRead_IsLoggedForAYear_ThenTheEntryIsGone_EvenAfterItsIntake()
    {
        const string email = "canari.access@example.org";
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(CanaryIntake(email)));
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{intake}");
        await coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{intake}");
        Assert.Equal(2, (await DossierRowsAsync(email)).Count(r => r.RowKey.StartsWith("access|", StringComparison.Ordinal)));
        // One deadline for the day's reads, not one per read.
        Assert.Single(await StorageContents.AllAsync(App, Tables.Deadlines), d => d.GetString(DeadlineRows.Kind) == "access.expire");

        App.Time.Advance(364 * Day);
        await PurgeAsync();
        Assert.Equal(2, (await DossierRowsAsync(email)).Count(r => r.RowKey.StartsWith("access|", StringComparison.Ordinal)));
        Assert.DoesNotContain(await DossierRowsAsync(email), r => r.RowKey.StartsWith("intake|", StringComparison.Ordinal)); // gone at 90 days

        App.Time.Advance(2 * Day);
        await PurgeAsync();

        Assert.Empty(await DossierRowsAsync(email));
    }

    [Fact]
    public async Task FormerCoach_IsKeptUntilAYearAfterDeactivation_ThenTheRecordAndItsKeyAreGone()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "canari.coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!;
        await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/coaches/{coachId}/deactivation");
        bool Mine(TableEntity r) => r.PartitionKey == DossierId.StaffRegistry.PartitionKey && r.RowKey.Contains(coachId, StringComparison.Ordinal);

        App.Time.Advance(364 * Day);
        await PurgeAsync();
        var before = (await StorageContents.AllAsync(App, Tables.Dossiers)).Where(Mine).ToArray();
        Assert.Contains(before, r => r.RowKey.StartsWith("member|", StringComparison.Ordinal));
        Assert.Contains(before, r => r.RowKey.StartsWith("key|", StringComparison.Ordinal));
        var mail = Canaries.MailFiles(App);

        App.Time.Advance(2 * Day);
        await PurgeAsync();

        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.Dossiers), Mine);
        await new Canaries("canari.coach@example.org").AssertNowhereAsync(App, mail, _logs);
    }

    [Fact]
    public async Task UnusedLinks_WorkUntilTheirExpiry_ThenAreRefused_AndNoTableEverHeldThem()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "canari.links@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(CanaryIntake("canari.link-client@example.org")));
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", new { sessionsPlanned = 2, format = "video", usualPricePerSessionEur = 60 }, HttpStatusCode.Created);
        var link = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "canari.link-client@example.org" && m.Text.Contains("contract.html#token=", StringComparison.Ordinal));
        var contractToken = System.Text.RegularExpressions.Regex.Match(link.Text, @"contract\.html#token=([A-Za-z0-9_\-\.]+)").Groups[1].Value;
        var signInToken = await StaffClient.RequestLinkTokenAsync(App, "canari.links@example.org");
        var tokens = new Canaries(contractToken, signInToken);

        Assert.Equal(HttpStatusCode.OK, (await StaffClient.SendAsync(App, HttpMethod.Get, "/api/client/contract", contractToken)).StatusCode);
        App.Time.Advance(14 * Day + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Gone, (await StaffClient.SendAsync(App, HttpMethod.Get, "/api/client/contract", contractToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffClient.ExchangeAsync(App, signInToken)).StatusCode);
        await tokens.AssertNowhereAsync(App, Canaries.MailFiles(App), _logs);
    }
}
