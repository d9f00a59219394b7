using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Deadlines;

/// <summary>The one deadline engine over Azurite: each deadline runs once, and one bad row never blocks the others.</summary>
public sealed class DeadlineRunnerTests : IAsyncLifetime
{
    private static readonly DeadlineKind Recorded = new("test.recorded", DeadlineLane.Prompt);
    private static readonly DeadlineKind Poison = new("test.poison", DeadlineLane.Prompt);
    private const string Dossier = "c0000000000000000000000000000000000000000000000000000000000000000";

    private readonly TestHandler _recorded = new(Recorded);
    private readonly TestHandler _poison = new(Poison) { Throws = true };
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(
        s =>
        {
            s["OutboxSchedule"] = "0 0 0 1 1 *"; // the tests run the engine themselves
            s["PurgeSchedule"] = "0 0 0 1 1 *";
            s["Deadlines:MaxAttempts"] = "3";
        },
        services =>
        {
            services.AddSingleton<IDeadlineHandler>(_recorded);
            services.AddSingleton<IDeadlineHandler>(_poison);
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IDeadlineStore Store => _app.Services.GetRequiredService<IDeadlineStore>();
    private DeadlineRunner Runner => _app.Services.GetRequiredService<DeadlineRunner>();
    private DateTimeOffset Now => _app.Time.GetUtcNow();

    private Task<IReadOnlyList<TableEntity>> RowsAsync() => StorageContents.AllAsync(_app, Tables.Deadlines);

    [Fact]
    public async Task TwoDeadlinesOfOneSubject_DueInTheSameMinute_BothRun()
    {
        var first = Deadline.New(Recorded, Now, Dossier, "subject");
        var second = Deadline.New(Recorded, Now, Dossier, "subject");
        await Store.ScheduleAsync([first, second], CancellationToken.None);

        var completed = await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);

        Assert.Equal(2, completed);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), _recorded.Runs.Select(d => d.Id).Order());
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task APoisonRow_DoesNotStopTheRowsAfterIt_AndIsParkedAfterItsAttempts()
    {
        var poison = Deadline.New(Poison, Now.AddMinutes(-5), Dossier, "bad");
        var garbage = new TableEntity(DeadlineRows.Partition, DeadlineRows.DueKey(DeadlineLane.Prompt, Now.AddMinutes(-4)) + "garbage");
        var good = Enumerable.Range(0, 3).Select(i => Deadline.New(Recorded, Now.AddMinutes(-3 + i), Dossier, $"good{i}")).ToArray();
        await Store.ScheduleAsync([poison, .. good], CancellationToken.None);
        await _app.Tables.Get(Tables.Deadlines).AddEntityAsync(garbage);

        await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);

        Assert.Equal(good.Select(g => g.Id).Order(), _recorded.Runs.Select(d => d.Id).Order());
        var retried = DeadlineRows.From(Assert.Single(await RowsAsync(), r => r.GetString(DeadlineRows.Kind) == Poison.Name));
        Assert.Equal(1, retried.Attempt);
        Assert.True(retried.Due > Now, "backed off");

        for (var i = 0; i < 5; i++)
        {
            _app.Time.Advance(TimeSpan.FromHours(7));
            await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);
        }

        var rows = await RowsAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith(DeadlineRows.ParkedPrefix, r.RowKey, StringComparison.Ordinal));
        Assert.Equal(3, _poison.Runs.Count); // Deadlines:MaxAttempts, then left for a person
        Assert.Equal(3, _recorded.Runs.Count);
    }

    [Fact]
    public async Task ARunOfThreePages_ReadsTheDueRangeOnce_AndClaimsAndSettlesEachPageInOneRequest()
    {
        var deadlines = Enumerable.Range(0, 2 * DeadlineRunner.PageSize + 20).Select(i => Deadline.New(Recorded, Now.AddSeconds(-i), Dossier, $"p{i}")).ToArray();
        await Store.ScheduleAsync(deadlines, CancellationToken.None);

        using var scope = StorageRequestCounter.BeginScope();
        var completed = await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);

        Assert.Equal(deadlines.Length, completed);
        // One read, then for each of the 3 pages its claim and its settlement (the handler stores nothing).
        Assert.Equal(1 + 3 * 2, scope.Count);
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task ConcurrentRunners_RunEachDeadlineExactlyOnce()
    {
        _recorded.Delay = TimeSpan.FromMilliseconds(5);
        var deadlines = Enumerable.Range(0, 120).Select(i => Deadline.New(Recorded, Now.AddSeconds(-i), Dossier, $"s{i}")).ToArray();
        await Store.ScheduleAsync(deadlines, CancellationToken.None);

        var completed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None)));
        var again = await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);

        Assert.Equal(120, completed.Sum());
        Assert.Equal(0, again);
        Assert.Equal(deadlines.Select(d => d.Id).Order(), _recorded.Runs.Select(d => d.Id).Order());
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task AHandlerThatAsksForLater_IsRunAgainThen_AndNotBefore()
    {
        _recorded.Result = d => d.Attempt == 0 && _recorded.Runs.Count == 1 ? DeadlineResult.Later(Now.AddHours(1)) : DeadlineResult.Done;
        await Store.ScheduleAsync([Deadline.New(Recorded, Now, Dossier, "later")], CancellationToken.None);

        await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);
        _app.Time.Advance(TimeSpan.FromMinutes(59));
        await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);
        Assert.Single(_recorded.Runs);
        _app.Time.Advance(TimeSpan.FromMinutes(2));
        await Runner.RunDueAsync(DeadlineLane.Prompt, CancellationToken.None);

        Assert.Equal(2, _recorded.Runs.Count);
        Assert.Empty(await RowsAsync());
    }

    private sealed class TestHandler(DeadlineKind kind) : IDeadlineHandler
    {
        public ConcurrentQueue<Deadline> Runs { get; } = new();
        public bool Throws { get; init; }
        public TimeSpan Delay { get; set; }
        public Func<Deadline, DeadlineResult> Result { get; set; } = _ => DeadlineResult.Done;

        public DeadlineKind Kind { get; } = kind;

        public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
        {
            Runs.Enqueue(deadline);
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay, cancellationToken);
            if (Throws)
                throw new InvalidOperationException("poison");
            return Result(deadline);
        }
    }
}
