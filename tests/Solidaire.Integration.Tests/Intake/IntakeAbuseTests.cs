using System.Net;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Intake;

/// <summary>The form is not a relay of arbitrary text to arbitrary addresses (issue 7).</summary>
public sealed class IntakeAbuseTests : AppTest
{
    [Fact]
    public async Task FirstNameCarryingALink_IsRefused_NothingStoredNothingSent()
    {
        var body = IntakeBodies.Valid("victim@example.org");
        body["firstName"] = "Paul, verify your account at https://bank.example/login";

        var problem = await Problem.ReadAsync(await App.Client.PostAsync(body));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.Contains("firstName", problem.Errors.Keys);
        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, ""));
        Assert.DoesNotContain(EmlMessage.ReadFolder(App.MailFolder), m => m.To == "victim@example.org");
    }

    [Fact]
    public async Task FullWidthSpellingOfAnAddress_IsTheSameClient_SoTheDuplicateIsCaught()
    {
        var ascii = IntakeBodies.Valid("amelie@example.org");
        var fullWidth = IntakeBodies.Valid("ａｍｅｌｉｅ＠ｅｘａｍｐｌｅ．ｏｒｇ");

        var first = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(ascii));
        var second = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(fullWidth));

        Assert.Equal(first, second);
        Assert.Single(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
    }

    [Fact]
    public async Task InternationalDomain_IsWrittenInTheToHeaderInItsAsciiForm()
    {
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("amelie@Bücher.example")));

        var ack = await EmlMessage.WaitForAsync(App.MailFolder, m => m.Subject.Contains("Nous avons bien reçu", StringComparison.Ordinal));
        Assert.Equal("amelie@xn--bcher-kva.example", ack.To);
    }

    [Fact]
    public async Task TwoRequestsWhoseFieldsShareALineBreak_AreNotTheSameRequestForAnIdempotencyKey()
    {
        var first = IntakeBodies.Valid("lines@example.org", situation: "Mon équipe est épuisée.\nfr\nEt moi aussi.");
        first["availability"] = "Le mardi";
        var second = IntakeBodies.Valid("lines@example.org", situation: "Mon équipe est épuisée.");
        second["availability"] = "Et moi aussi.\nfr\nLe mardi";
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(first, "key-lines"));

        var problem = await Problem.ReadAsync(await App.Client.PostAsync(second, "key-lines"));

        Assert.Equal("idempotency_key_reused", problem.Code);
    }
}

/// <summary>Past the hourly budget, a request is still recorded and the coordinators told; only the acknowledgement waits.</summary>
public sealed class AcknowledgementBudgetTests : AppTest
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Intake:AcknowledgementsPerHour"] = "2";

    [Fact]
    public async Task PastTheHourlyBudget_TheIntakeIsRecordedAndCoordinatorsAskedToWrite_ButNoAcknowledgementIsSent()
    {
        foreach (var n in new[] { 1, 2 })
            await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid($"budget{n}@example.org")));

        var third = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("budget3@example.org")));

        var notice = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "coordination@solidaire.test" && m.Subject.Contains(third, StringComparison.Ordinal));
        Assert.Contains("pas reçu d'accusé de réception", notice.Text, StringComparison.Ordinal);
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "budget2@example.org");
        Assert.Equal(3, (await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|")).Count);
        Assert.DoesNotContain(EmlMessage.ReadFolder(App.MailFolder), m => m.To == "budget3@example.org");
    }

    [Fact]
    public async Task AnHourLater_TheBudgetIsBack()
    {
        foreach (var n in new[] { 1, 2 })
            await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid($"later{n}@example.org")));
        App.Time.Advance(TimeSpan.FromHours(1));

        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("later3@example.org")));

        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "later3@example.org");
    }
}
