using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Statistics;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Retention;

/// <summary>
/// Storage round trips of closing an engagement, of one deadline run and of one subject destroyed,
/// each counted on the operation's own async flow (<see cref="StorageRequestCounter.BeginScope"/>)
/// and held to the ceiling written next to the operation in core.
/// </summary>
public sealed class OperationRoundTripTests(Xunit.Abstractions.ITestOutputHelper output) : AppTest
{
    // The purge runs only when the test says so (the next 29 February is out of reach of these clocks).
    protected override void Configure(IDictionary<string, string?> settings) => settings["PurgeSchedule"] = "0 0 0 29 2 *";

    private static async Task<long> CostAsync(Func<Task> operation)
    {
        using var scope = StorageRequestCounter.BeginScope();
        await operation();
        return scope.Count;
    }

    [Fact]
    public async Task ClosingAnEngagement_CostsAtMostItsCeiling_OnTheRequestPath()
    {
        var e = await SignedEngagement.CreateAsync(App);
        var actor = (await App.Services.GetRequiredService<StaffAccess>().AuthenticateAsync(e.Coach.AccessToken, CancellationToken.None)).Value!;
        var closure = App.Services.GetRequiredService<EngagementClosure>();
        using var body = JsonDocument.Parse("""{"outcome":"completed"}""");
        var form = ClosureForm.Parse(body.RootElement).Value!;
        await App.StorageQuietAsync();

        var cost = await CostAsync(async () => Assert.True((await closure.CloseAsync(actor, e.EngagementId, form, CancellationToken.None)).IsSuccess));

        output.WriteLine($"closure: {cost} storage requests on the request path (ceiling {EngagementClosure.RoundTrips})");
        Assert.InRange(cost, 1, EngagementClosure.RoundTrips);
    }

    [Fact]
    public async Task OneDeadlineRun_CostsTheRunnersPage_AndItsHandlersOwn()
    {
        var now = App.Time.GetUtcNow();
        var count = Deadline.New(StatisticsCounter.Count, now, StatisticsCounter.Dossier, StatisticsCells.OfClosure(now, "completed", 2, null).ToSubject());
        await App.Services.GetRequiredService<IDeadlineStore>().ScheduleAsync([count], CancellationToken.None);
        await App.StorageQuietAsync();

        var ran = 0;
        var cost = await CostAsync(async () => ran = await App.Services.GetRequiredService<DeadlineRunner>().RunDueAsync(DeadlineLane.Retention, CancellationToken.None));

        output.WriteLine($"one deadline run (a statistics count): {cost} storage requests (ceiling {DeadlineRunner.RoundTrips} + {StatisticsCounter.RoundTrips})");
        Assert.Equal(1, ran);
        Assert.InRange(cost, 1, DeadlineRunner.RoundTrips + StatisticsCounter.RoundTrips);
    }

    [Fact]
    public async Task OneSubjectDestroyed_CostsTheRunnersPage_AndTheDestructionsOwn()
    {
        var intakes = App.Services.GetRequiredService<IntakeService>();
        using var body = JsonDocument.Parse(IntakeBodies.Valid("destroyed-once@example.org").ToJsonString());
        Assert.True((await intakes.SubmitAsync(IntakeForm.Parse(body.RootElement).Value!, null, CancellationToken.None)).IsSuccess);
        await App.StorageQuietAsync();
        // The intake's other retention-lane deadlines (its anonymous count, its emails' records) run first, not counted.
        App.Time.Advance(TimeSpan.FromDays(89));
        await App.Services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None);
        App.Time.Advance(TimeSpan.FromDays(2));
        await App.StorageQuietAsync();

        var destroyed = 0;
        var cost = await CostAsync(async () => destroyed = await App.Services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None));

        output.WriteLine($"one subject destroyed (an unfollowed intake): {cost} storage requests (ceiling {DeadlineRunner.RoundTrips} + {IntakeDestruction.RoundTrips})");
        Assert.Equal(1, destroyed);
        Assert.Empty(await StorageContents.RowsAsync(App, Tables.Dossiers, "intake|"));
        Assert.InRange(cost, 1, DeadlineRunner.RoundTrips + IntakeDestruction.RoundTrips);
    }
}
