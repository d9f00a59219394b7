using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Email;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Storage;

/// <summary>Writers to the deadlines' one partition at the same time share requests, and never each other's lost races.</summary>
public sealed class GroupCommitTests
{
    private const string Dossier = "c0000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public async Task ConcurrentSchedules_WhileOneIsOnItsWay_GoTogetherInTheNextRequest()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Services.GetRequiredService<IDeadlineStore>();
        var now = app.Time.GetUtcNow();
        var batches = Enumerable.Range(0, 10)
            .Select(i => (IReadOnlyList<Deadline>)[.. Enumerable.Range(0, 5).Select(j => Deadline.New(OutboxSender.Dispatch, now.AddMinutes(10 + j), Dossier, $"S{i}-{j}"))])
            .ToArray();
        var before = app.StorageRequests;

        // The first goes at once; the nine that arrive while it is on its way go as one.
        await Task.WhenAll(batches.Select(b => store.ScheduleAsync(b, CancellationToken.None)));

        Assert.Equal(2, app.StorageRequests - before);
        var due = await store.ReadDueAsync(DeadlineLane.Prompt, now.AddHours(1), 100, CancellationToken.None);
        Assert.Equal(50, due.Count(d => d.Dossier == Dossier));
    }

    [Fact]
    public async Task ALostRaceInASharedRequest_FailsOnlyItsOwnCaller()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Services.GetRequiredService<IDeadlineStore>();
        var now = app.Time.GetUtcNow();
        var taken = Deadline.New(OutboxSender.Dispatch, now.AddMinutes(5), Dossier, "taken");
        Assert.True(await store.ScheduleOnceAsync(taken, CancellationToken.None));
        var first = Deadline.New(OutboxSender.Dispatch, now.AddMinutes(6), Dossier, "first");
        var others = Enumerable.Range(0, 5).Select(i => Deadline.New(OutboxSender.Dispatch, now.AddMinutes(7 + i), Dossier, $"other{i}")).ToArray();

        var firstTask = store.ScheduleOnceAsync(first, CancellationToken.None);
        var again = store.ScheduleOnceAsync(taken, CancellationToken.None); // waits, shares a request with the others, which fails
        var otherTasks = others.Select(o => store.ScheduleOnceAsync(o, CancellationToken.None)).ToArray();

        Assert.True(await firstTask);
        Assert.False(await again);
        Assert.All(await Task.WhenAll(otherTasks), Assert.True);
        var due = await store.ReadDueAsync(DeadlineLane.Prompt, now.AddHours(1), 100, CancellationToken.None);
        Assert.Equal(7, due.Count(d => d.Dossier == Dossier));
    }
}
