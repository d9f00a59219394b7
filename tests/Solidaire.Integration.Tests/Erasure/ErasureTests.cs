using System.Net;
using System.Text.Json.Nodes;
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

namespace Solidaire.Integration.Tests.Erasure;

/// <summary>
/// Erasure of everything about a person at once (GDPR Art. 17, rule 10; §3.12, §3.23), except a signed
/// contract's evidence, kept for its own period as proof (Art. 17(3)(e)).
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private const string ClientEmail = "zephyrine.canary@example.org";
    private const string CoachEmail = "erasure-coach@example.org";

    /// <summary>What the client wrote: none of it may be found anywhere once they are erased.</summary>
    private static readonly string[] Canaries = ["Zéphyrine", "Canaribrook", ClientEmail, "+33 6 98 76 54 32", "Xylophage", "quokkamarmalade", "pangolinesque"];

    private readonly LogCapture _logs = new();
    private TestApp App { get; set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(services: _logs.Register);

    public async Task DisposeAsync() => await App.DisposeAsync();

    private static JsonObject CanaryIntake()
    {
        var body = IntakeBodies.Valid(ClientEmail);
        body["firstName"] = "Zéphyrine";
        body["lastName"] = "Canaribrook";
        body["phone"] = "+33 6 98 76 54 32";
        body["organisation"] = "Fromagerie Xylophage";
        body["situation"] = "Depuis la crise, notre quokkamarmalade s'effondre et je dois tout décider seule.";
        return body;
    }

    private object Session(int days) => new
    {
        date = App.Time.GetUtcNow().AddDays(days).ToString("yyyy-MM-dd'T'HH:mmzzz"),
        durationMinutes = 60,
        medium = "video",
        notes = "Travail sur la peur pangolinesque.",
    };

    /// <summary>A client with a signed, open engagement and two sessions, and their erasure link.</summary>
    private async Task<(SignedEngagement Engagement, string Token)> SignedClientAsync()
    {
        var e = await SignedEngagement.CreateAsync(App, ClientEmail, CoachEmail, intakeBody: CanaryIntake());
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(1), HttpStatusCode.Created);
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, Session(4), HttpStatusCode.Created);
        return (e, await ErasureLinks.TokenAsync(App, ClientEmail));
    }

    private DossierId Dossier => DossierId.ForEmail(App.Services.GetRequiredService<PersonalDataProtector>(), ClientEmail);

    private async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> DossierRowsAsync() =>
        (await StorageContents.AllAsync(App, Tables.Dossiers)).Where(r => r.PartitionKey == Dossier.PartitionKey).ToArray();

    [Fact]
    public async Task Preview_CountsWhatWouldGo_AndTheSignedContractKept_BeforeAnythingChanges()
    {
        var (_, token) = await SignedClientAsync();
        var before = await DossierRowsAsync();

        var preview = await ErasureLinks.JsonOf(await ErasureLinks.PreviewAsync(App, token));

        var destroyed = preview.GetProperty("destroyed");
        Assert.Equal(1, destroyed.GetProperty("requests").GetInt32());
        Assert.Equal(1, destroyed.GetProperty("engagements").GetInt32());
        Assert.Equal(2, destroyed.GetProperty("sessions").GetInt32());
        Assert.True(destroyed.GetProperty("emails").GetInt32() >= 4); // acknowledgement, coach found, contract link, signed, invitations
        Assert.Equal(1, preview.GetProperty("openEngagements").GetInt32());
        var kept = Assert.Single(preview.GetProperty("kept").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kept.GetProperty("keptUntil").ValueKind); // open: 5 years from the end of the support
        Assert.Equal("gdpr_art_17_3_e", kept.GetProperty("reason").GetString());
        Assert.Equal(before.Count, (await DossierRowsAsync()).Count);
    }

    [Fact]
    public async Task Erasure_OfAClientWithASignedOpenEngagement_LeavesOnlyTheSealedContractEvidence_AndTellsEveryone()
    {
        var (e, token) = await SignedClientAsync();
        var reference = (await e.Coordinator.JsonAsync(HttpMethod.Get, $"/api/staff/intakes/{e.IntakeId}")).GetProperty("reference").GetString()!;

        var answer = await ErasureLinks.JsonOf(await ErasureLinks.ConfirmAsync(App, token));

        // What the person is told at once.
        Assert.Equal("done", answer.GetProperty("status").GetString());
        Assert.Equal(2, answer.GetProperty("destroyed").GetProperty("sessions").GetInt32());
        var kept = Assert.Single(answer.GetProperty("kept").EnumerateArray());
        Assert.Equal(App.Time.GetUtcNow().AddYears(5), kept.GetProperty("keptUntil").GetDateTimeOffset(), TimeSpan.FromMinutes(1));

        // What storage holds: the contract's evidence unit only, its key the only key left, and nothing of the client in clear anywhere.
        var rows = await DossierRowsAsync();
        Assert.All(rows, r => Assert.Matches("^(key|contract|contract-event)\\|", r.RowKey));
        var key = Assert.Single(rows, r => r.RowKey.StartsWith("key|", StringComparison.Ordinal));
        var contract = Assert.Single(rows, r => r.RowKey.StartsWith("contract|", StringComparison.Ordinal));
        Assert.Equal(key.RowKey["key|".Length..], contract.RowKey["contract|".Length..]);
        Assert.Equal(ContractStatus.Signed, contract.GetString("Status"));
        var dump = await StorageContents.DumpAsync(App);
        foreach (var canary in Canaries)
            Assert.DoesNotContain(canary, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await StorageContents.AllAsync(App, Tables.IntakeQueue), q => q.GetString("Reference") == reference);
        Assert.Empty(await StorageContents.AllAsync(App, Tables.Engagements));
        var evidence = (await StorageContents.AllAsync(App, Tables.Deadlines)).Select(DeadlineRows.From)
            .Single(d => d.Kind == ContractEvidenceDestruction.Destroy.Name && d.Subject == contract.RowKey["contract|".Length..]);
        Assert.Equal(App.Time.GetUtcNow().AddYears(5), evidence.Due, TimeSpan.FromMinutes(1));
        var logged = await App.Services.GetRequiredService<DestructionLog>().ReadAsync(DateOnly.FromDateTime(App.Time.GetUtcNow().UtcDateTime), DateOnly.FromDateTime(App.Time.GetUtcNow().UtcDateTime), CancellationToken.None);
        Assert.Contains(logged, l => l.Kind == DestructionKinds.Erasure && l.Rows > 10 && l.Keys >= 1);

        // The coach: told it ended, with the reference, nothing more.
        var notice = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == CoachEmail && m.Subject.Contains(reference, StringComparison.Ordinal) && m.Subject.Contains("fin", StringComparison.Ordinal));
        foreach (var canary in Canaries)
            Assert.DoesNotContain(canary, notice.Text + notice.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("effac", notice.Text, StringComparison.OrdinalIgnoreCase);

        // The client: exactly what went, what is kept, why and until when.
        var done = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");
        Assert.Contains("séances : 2", done.Text, StringComparison.Ordinal);
        Assert.Contains("demandes d'accompagnement : 1", done.Text, StringComparison.Ordinal);
        Assert.Contains("17(3)(e)", done.Text, StringComparison.Ordinal);
        Assert.Contains("conservé jusqu'au " + ContractFormatting.Date("fr", App.Time.GetUtcNow().AddYears(5)), done.Text, StringComparison.Ordinal);

        // And the logs never saw any of it.
        foreach (var canary in Canaries)
            Assert.DoesNotContain(_logs.Lines, l => l.Contains(canary, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SecondUseOfTheLink_IsAClearConflict_AndNoSecondConfirmation()
    {
        var (_, token) = await SignedClientAsync();
        await ErasureLinks.JsonOf(await ErasureLinks.ConfirmAsync(App, token));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");

        var again = await Problem.ReadAsync(await ErasureLinks.ConfirmAsync(App, token));
        var preview = await Problem.ReadAsync(await ErasureLinks.PreviewAsync(App, token));

        Assert.Equal((HttpStatusCode.Conflict, "already_erased"), (again.Status, again.Code));
        Assert.Equal((HttpStatusCode.Conflict, "already_erased"), (preview.Status, preview.Code));
        await Task.Delay(300);
        Assert.Single(EmlMessage.ReadFolder(App.MailFolder), m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");
    }

    [Fact]
    public async Task TwoConfirmationsAtOnce_EraseOnce_AndTheOtherIsAClearConflict()
    {
        var (_, token) = await SignedClientAsync();

        var answers = await Task.WhenAll(ErasureLinks.ConfirmAsync(App, token), ErasureLinks.ConfirmAsync(App, token));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var other = await Problem.ReadAsync(Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains(other.Code, new[] { "erasure_in_progress", "already_erased" });
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");
        await Task.Delay(300);
        Assert.Single(EmlMessage.ReadFolder(App.MailFolder), m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");
    }

    [Fact]
    public async Task Notices_AreDestroyed_KeyAndRows_OnceTheirTimeInTheOutboxIsOver()
    {
        var (_, token) = await SignedClientAsync();
        await ErasureLinks.JsonOf(await ErasureLinks.ConfirmAsync(App, token));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");
        async Task<int> NoticeRows() => (await StorageContents.AllAsync(App, Tables.Dossiers)).Count(r => r.PartitionKey == DossierId.Notices.PartitionKey);
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(App, Tables.Dossiers))
            .Where(r => r.PartitionKey == DossierId.Notices.PartitionKey && r.RowKey.StartsWith("outbox|", StringComparison.Ordinal))
            .All(r => r.GetString("Status") == "sent"), "the notices are recorded as sent");
        var purge = App.Services.GetRequiredService<TimerScheduler>();

        App.Time.Advance(TimeSpan.FromDays(29));
        await purge.RunNowAsync("PurgeExpired", CancellationToken.None);
        Assert.Equal(3, await NoticeRows()); // key, confirmation, coach notice

        App.Time.Advance(TimeSpan.FromDays(2));
        await purge.RunNowAsync("PurgeExpired", CancellationToken.None);
        Assert.Equal(0, await NoticeRows());
    }
}
