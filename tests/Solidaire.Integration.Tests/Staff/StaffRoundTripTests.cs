using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Staff;

/// <summary>
/// What each staff operation costs in Table Storage requests, counted by the app's own counter: on
/// the request path, then with the work it leaves behind (indexing) once it has settled. Emails are
/// left to the dispatcher here so that only the operation itself is counted.
/// </summary>
public sealed class StaffRoundTripTests : AppTest
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Email:DispatchImmediately"] = "false";

    /// <summary>The requests <paramref name="operation"/> made, once everything it started has finished.</summary>
    private async Task<long> CostAsync(Func<Task> operation)
    {
        var before = App.StorageRequests;
        await operation();
        var last = await App.StorageQuietAsync();
        return last - before;
    }

    /// <summary>A coordinator, a coach ready to be assigned, and one intake in the queue, its emails sent.</summary>
    private async Task<(StaffClient Coordinator, StaffClient Coach, string CoachId, string IntakeId)> ReadyToAssignAsync()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(App, coordinator, "cost-coach@example.org");
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var reference = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("cost-client@example.org")));
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var id = await StaffWorld.IntakeIdAsync(App, coordinator, reference);
        return (coordinator, coach, coachId!, id);
    }

    [Fact]
    public async Task SignIn_CostsOneRequestForTheLink_AndTwoForTheAccessToken()
    {
        var token = "";
        var link = await CostAsync(async () => token = await StaffClient.RequestLinkTokenAsync(App, StaffClient.Coordinator));
        var exchange = await CostAsync(async () => Assert.Equal(HttpStatusCode.OK, (await StaffClient.ExchangeAsync(App, token)).StatusCode));

        Assert.Equal(1, link); // the member's record
        Assert.Equal(2, exchange); // the member's record, the link's single use
    }

    [Fact]
    public async Task QueuePage_CostsTwoRequests_PlusOnePerIntake()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        for (var i = 0; i < 3; i++)
            await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid($"cost{i}@example.org")));
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var cost = await CostAsync(() => coordinator.JsonAsync(HttpMethod.Get, "/api/staff/intakes?status=new"));

        Assert.Equal(2 + 3, cost); // the caller's record, the queue page, each intake's dossier (read together)
    }

    [Fact]
    public async Task Assignment_CostsSixRequestsOnTheRequestPath_AndEightWithWhatItLeaves()
    {
        var (coordinator, coach, coachId, id) = await ReadyToAssignAsync();

        long requestPath = 0;
        var total = await CostAsync(async () =>
        {
            var before = App.StorageRequests;
            var response = await coordinator.SendAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId });
            requestPath = App.StorageRequests - before;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });

        // The caller, the coach, the deadlines (email, index), the dossier read, its transaction, the engagement's index row.
        Assert.InRange(requestPath, 6, total); // the queue's update may already have begun when the answer is read
        // Then the queue row removed, the held deadline settled.
        Assert.Equal(8, total);
    }

    [Fact]
    public async Task Confirmation_CostsFourRequestsOnTheRequestPath_AndSixWithItsIndexing()
    {
        var (coordinator, coach, coachId, id) = await ReadyToAssignAsync();
        var engagementId = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{id}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString();
        await CostAsync(() => Task.CompletedTask);

        long requestPath = 0;
        var total = await CostAsync(async () =>
        {
            var before = App.StorageRequests;
            var response = await coach.SendAsync(HttpMethod.Post, $"/api/staff/engagements/{engagementId}/confirmation", new { noConflictDeclared = true });
            requestPath = App.StorageRequests - before;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        // The caller, the deadlines (email, index), the dossier read, its transaction.
        Assert.InRange(requestPath, 4, total); // as above
        // Then the engagement's index row and the held deadline settled.
        Assert.Equal(6, total);
    }
}
