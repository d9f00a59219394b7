using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Core.Storage;
using Solidaire.Core.Work;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Email;

/// <summary>The scheduled dispatcher's cost grows with what is due, not with what is stored (DESIGN.md, deadlines).</summary>
public sealed class DispatchCostTests
{
    [Fact]
    public async Task DispatchDue_WithNothingDue_CostsOneRequest_HoweverMuchWorkIsScheduledForLater()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var before = app.StorageRequests;
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        var costWithNothingStored = app.StorageRequests - before;

        var work = app.Tables.Get(Tables.Work);
        for (var minute = 1; minute <= 300; minute++)
        {
            // Work due later, and deadlines of another kind: none of it is the dispatcher's yet.
            var due = app.Time.GetUtcNow().AddMinutes(minute);
            await work.AddEntityAsync(new TableEntity(WorkItems.Partition(WorkItems.Dispatch, due), $"c{minute}|X{minute}"));
            await work.AddEntityAsync(new TableEntity(WorkItems.Partition(WorkItems.Destroy, app.Time.GetUtcNow().AddMinutes(-minute)), $"c{minute}|X{minute}"));
        }
        before = app.StorageRequests;
        var handled = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var costWithMuchStored = app.StorageRequests - before;

        Assert.Equal(0, handled);
        Assert.Equal(1, costWithNothingStored);
        Assert.Equal(costWithNothingStored, costWithMuchStored);
    }

    [Fact]
    public async Task DispatchOfOneIntake_CostsAFixedNumberOfRequests()
    {
        await using var app = await TestApp.StartAsync(s => s["Email:DispatchImmediately"] = "false");
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("cost@example.org")));
        var before = app.StorageRequests;

        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        // due query 1, outbox rows with their data key 1, queue row + destroy deadline 2,
        // lease + record for each of the 2 emails 4, work row delete 1.
        Assert.Equal(9, app.StorageRequests - before);
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
            s["Email:SendGridApiKey"] = "SG.test-key";
            s["Email:SendGridHost"] = sendGrid.BaseAddress.ToString();
        });
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("retry-cost@example.org")));
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None); // 500 for both: indexed, rescheduled
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var before = app.StorageRequests;

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        // due query 1, outbox rows with their data key 1, lease + record for 2 emails 4, work row delete 1.
        Assert.Equal(7, app.StorageRequests - before);
        Assert.Equal(2, sendGrid.Calls.Count(c => c.Status == 202));
    }
}
