using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.RegularExpressions;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Contracts;

/// <summary>Storage round trips of issuing, reading and signing a contract, on the request path (emails left to the dispatcher).</summary>
public sealed partial class ContractRoundTripTests : AppTest
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Email:DispatchImmediately"] = "false";

    private async Task<long> CostAsync(Func<Task> operation)
    {
        await Task.Delay(300); // nothing of the setup still running
        var before = App.StorageRequests;
        await operation();
        return App.StorageRequests - before;
    }

    [Fact]
    public async Task Issue_CostsFour_FirstReadingTwo_LaterReadingsOne_AndSigningThree()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "rt-coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("rt-client@example.org")));
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var intake = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });

        string sha = "";
        var issue = await CostAsync(async () =>
            sha = (await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract", new { sessionsPlanned = 2, usualPricePerSessionEur = 60 }, HttpStatusCode.Created)).GetProperty("sha256").GetString()!);
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var link = await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "rt-client@example.org" && LinkToken().IsMatch(m.Text));
        var token = LinkToken().Match(link.Text).Groups[1].Value;

        var firstRead = await CostAsync(async () => Assert.Equal(HttpStatusCode.OK, (await StaffClient.SendAsync(App, HttpMethod.Get, "/api/client/contract", token)).StatusCode));
        var laterRead = await CostAsync(async () => Assert.Equal(HttpStatusCode.OK, (await StaffClient.SendAsync(App, HttpMethod.Get, "/api/client/contract", token)).StatusCode));
        var sign = await CostAsync(async () => Assert.Equal(HttpStatusCode.Created, (await StaffClient.SendAsync(App, HttpMethod.Post, "/api/client/contract/signature", token, new
        {
            counterpart = new { kind = "financial", amountEur = 1 },
            understood = true,
            supervisionConsent = true,
            signatureName = "Jeanne Dupont-Lefèvre",
            sha256 = sha,
        })).StatusCode));

        Assert.Equal(4, issue); // the coach's record, the email's deadline, the dossier read, one transaction
        Assert.Equal(2, firstRead); // the dossier read, the "opened" event
        Assert.Equal(1, laterRead);
        Assert.Equal(Solidaire.Core.Contracts.ContractService.SigningRoundTrips, sign); // the dossier read, the emails' deadline, one transaction
    }

    [GeneratedRegex(@"contract\.html#token=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex LinkToken();
}
