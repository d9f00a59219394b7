using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Statistics;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Email;

/// <summary>What an intake costs in Table Storage requests, from the request to its last email (DESIGN.md, storage rules).</summary>
public sealed class DispatchCostTests
{
    [Fact]
    public async Task OneIntake_CostsFiveStorageRequests_FromSubmitToEveryEmailSentAndIndexed()
    {
        await using var app = await TestApp.StartAsync();
        var observer = CountedStorage.For(app); // reads of its own, outside the app's count
        var before = app.StorageRequests;

        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("five@example.org")));
        await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == "five@example.org");
        await Eventually.TrueAsync(async () => (await observer.AllAsync(Tables.IntakeQueue)).Count == 1
                && (await observer.AllAsync(Tables.Deadlines)).All(d => d.RowKey.StartsWith(DeadlineRows.LanePrefix(DeadlineLane.Retention), StringComparison.Ordinal)),
            "indexed, and only the retention deadlines left (the intake's destruction, its emails' purge, its anonymous count)");

        // Request path: the deadlines 1, the dossier transaction 1. Then from memory: the sends
        // recorded 1, the queue row 1, the held deadlines settled 1.
        Assert.Equal(Solidaire.Core.Intake.IntakeService.RoundTripsToEveryEmailSent, app.StorageRequests - before);
        Assert.Equal(2, EmlMessage.ReadFolder(app.MailFolder).Count);
    }

    [Fact]
    public async Task DispatchDue_WithNothingDue_CostsOneRequest_HoweverMuchIsScheduledForLaterOrInTheOtherLane()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var before = app.StorageRequests;
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        var costWithNothingStored = app.StorageRequests - before;

        var now = app.Time.GetUtcNow();
        var later = Enumerable.Range(1, 300).Select(m => Deadline.New(OutboxSender.Dispatch, now.AddMinutes(m), "c" + new string('0', 64), $"X{m}"));
        var otherLane = Enumerable.Range(1, 300).Select(m => Deadline.New(IntakeDestruction.Destroy, now.AddMinutes(-m), "c" + new string('0', 64), $"Y{m}"));
        await app.Services.GetRequiredService<IDeadlineStore>().ScheduleAsync([.. later, .. otherLane], CancellationToken.None);
        before = app.StorageRequests;
        var handled = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var costWithMuchStored = app.StorageRequests - before;

        Assert.Equal(0, handled);
        Assert.Equal(1, costWithNothingStored);
        Assert.Equal(costWithNothingStored, costWithMuchStored);
    }

    [Fact]
    public async Task ScheduledDispatchOfOneIntake_CostsAFixedNumberOfRequests()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("cost@example.org")));
        var before = app.StorageRequests;

        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        // due page 1, claim of both deadlines 1; indexing: intake read 1, queue row 1;
        // sending: outbox with its data key 1, lease 1, record 1; settlement of both deadlines 1.
        Assert.Equal(8, app.StorageRequests - before);
        Assert.Equal(2, EmlMessage.ReadFolder(app.MailFolder).Count);
    }

    [Fact]
    public async Task RetriedDispatch_DoesNotIndexTheIntakeAgain()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Script = (n, _) => (n == 0 ? 500 : 202, new Dictionary<string, string>());
        await using var app = await TestApp.StartAsync(s =>
        {
            s["Email:DispatchImmediately"] = "false";
            s["OutboxSchedule"] = "0 0 0 1 1 *"; // the app's own timer stays out of the count (it would wake on the clock moving)
            sendGrid.UseIn(s);
        });
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("retry-cost@example.org")));
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None); // 500 for both: indexed, dispatch rescheduled
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var before = app.StorageRequests;

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        // due page 1, claim 1, outbox with its data key 1, lease 1, record 1, settlement 1.
        Assert.Equal(6, app.StorageRequests - before);
        Assert.Equal(2, sendGrid.Calls.Count(c => c.Status == 202));
    }
}
