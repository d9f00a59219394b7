using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Intake;
using Solidaire.Core.Statistics;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Intake;

public sealed class IntakeSubmissionTests : AppTest
{

    [Theory]
    [InlineData("fr", "Nous avons bien reçu votre demande", "3114")]
    [InlineData("en", "We have received your request", "3114")]
    public async Task ValidIntake_Is202WithReference_AndTheClientGetsAnAcknowledgementInTheirLanguage(string language, string subject, string helpline)
    {
        var email = $"client-{language}@example.org";

        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid(email, language)));

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        var ack = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == email);
        Assert.Equal(language, ack.Language);
        Assert.Contains(subject, ack.Subject);
        Assert.Contains(reference, ack.Text);
        Assert.Contains(helpline, ack.Text);
        Assert.Contains("112", ack.Html);
    }

    [Fact]
    public async Task ValidIntake_NotifiesCoordinators_WithoutTheClientsWords()
    {
        var body = IntakeBodies.Valid("notice@example.org");

        var response = await App.Client.PostAsync(body);

        Assert.False(await IntakeBodies.UrgentOf(response));
        var reference = await IntakeBodies.ReferenceOf(response);

        var notice = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "coordination@solidaire.test" && m.Subject.Contains(reference));
        Assert.DoesNotContain("URGENT", notice.Subject);
        foreach (var personal in new[] { "Jeanne", "Dupont", "notice@example.org", "épuisée", "Boulangerie" })
        {
            Assert.DoesNotContain(personal, notice.Text);
            Assert.DoesNotContain(personal, notice.Html);
        }
    }

    [Theory]
    [InlineData("fr", "Je n'en peux plus, j'ai des idées de suicide depuis la fermeture.", "quelques jours")]
    [InlineData("en", "Since the closure I keep thinking I want to die, every single night.", "few days")]
    public async Task CrisisSignalsInTheSituation_AnswerUrgent_AlertCoordinators_AndAcknowledgeWithHelpFirstAndNoDelayPromised(string language, string situation, string delay)
    {
        var response = await App.Client.PostAsync(IntakeBodies.Valid($"urgent-{language}@example.org", language, situation: situation));

        Assert.True(await IntakeBodies.UrgentOf(response));
        var reference = await IntakeBodies.ReferenceOf(response);
        var alert = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "coordination@solidaire.test" && m.Subject.Contains(reference));
        Assert.Contains("URGENT", alert.Subject);
        var ack = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == $"urgent-{language}@example.org");
        Assert.Contains("3114", ack.Text);
        Assert.True(ack.Text.IndexOf("3114", StringComparison.Ordinal) < ack.Text.IndexOf(reference, StringComparison.Ordinal), ack.Text);
        Assert.DoesNotContain(delay, ack.Text);
        Assert.DoesNotContain(delay, ack.Html);
    }

    [Fact]
    public async Task CoordinatorsQueue_PutsUrgentFirst_ThenExecutivesAndManagers_ThenByArrival()
    {
        var employee = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("q1@example.org", role: "employee")));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        var executive = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("q2@example.org", role: "executive")));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        var selfEmployed = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("q3@example.org", role: "self_employed")));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        var urgent = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("q4@example.org", role: "other", situation: "Il me frappe et je suis en danger, je ne sais plus quoi faire.")));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        var manager = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("q5@example.org", role: "manager")));
        await Drain(5);

        var queue = await App.Services.GetRequiredService<IntakeQueue>().ListAsync(100, CancellationToken.None);

        Assert.Equal([urgent, executive, manager, employee, selfEmployed], queue.Select(q => q.Reference));
        Assert.True(queue[0].Urgent);
    }

    [Fact]
    public async Task SubmittedIntake_LeavesNoClearTextPersonalDataInAnyTable()
    {
        var body = IntakeBodies.Valid("Clear.Text@Example.org", situation: "Notre atelier de céramique ferme ses portes et je perds pied complètement.");
        body["firstName"] = "Zéphirine";
        body["lastName"] = "Quillebœuf";
        body["phone"] = "+33 7 98 76 54 32";
        body["organisation"] = "Atelier Quillebœuf";
        body["availability"] = "les soirs après dix-neuf heures";

        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body));
        await Drain(1);

        var dump = await StorageContents.DumpAsync(App);
        Assert.Contains("intake|", dump); // the intake is there...
        foreach (var clear in new[] { "Zéphirine", "Quillebœuf", "Clear.Text@Example.org", "clear.text@example.org", "+33 7 98 76 54 32", "98 76 54", "céramique", "perds pied", "dix-neuf" })
            Assert.DoesNotContain(clear, dump, StringComparison.OrdinalIgnoreCase); // ...but none of it in clear
    }

    [Fact]
    public async Task NewIntake_CostsTwoStorageRoundTrips_OnTheRequestPath()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        var before = app.StorageRequests;

        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("roundtrips@example.org")));

        Assert.Equal(Solidaire.Core.Intake.IntakeService.RoundTrips, app.StorageRequests - before);
    }

    [Fact]
    public async Task WithImmediateDispatchOff_TheScheduledDispatcherStillSendsTheEmails()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("scheduled@example.org")));
        Assert.Empty(EmlMessage.ReadFolder(app.MailFolder));

        var response = await app.Client.PostAsync("/admin/functions/DispatchOutbox", Json.Body("{}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == "scheduled@example.org");
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(app, Tables.Deadlines)).All(e => e.RowKey.StartsWith(DeadlineRows.LanePrefix(DeadlineLane.Retention), StringComparison.Ordinal)),
            "only the retention deadlines are left (the intake's destruction, its emails' purge, its anonymous count) once everything is sent and indexed");
    }

    [Theory]
    [InlineData("website", "https://spam.example")]
    [InlineData("formDurationMs", 1200)]
    public async Task HoneypotOrTooFastForm_IsAnsweredLikeARealOne_ButStoredNowhereAndSendsNothing(string field, object value)
    {
        await using var app = await TestApp.StartAsync(s => s["Intake:MinimumFormSeconds"] = "3");
        var body = IntakeBodies.Valid("robot@example.org");
        body[field] = System.Text.Json.Nodes.JsonValue.Create(value);

        var reference = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(body));

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        await app.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.Empty(await StorageContents.ClientRowsAsync(app));
        Assert.Empty(EmlMessage.ReadFolder(app.MailFolder));
    }

    /// <summary>Runs the scheduled dispatcher until <paramref name="intakes"/> intakes are indexed (the immediate attempts may still be running).</summary>
    private async Task Drain(int intakes)
    {
        var dispatcher = App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>();
        for (var i = 0; i < 50 && (await StorageContents.AllAsync(App, Tables.IntakeQueue)).Count < intakes; i++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            await Task.Delay(20);
        }
    }
}
