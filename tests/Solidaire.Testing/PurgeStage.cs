using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Intake;
using Solidaire.Core.Retention;
using Solidaire.Core.Storage;

namespace Solidaire.Testing;

/// <summary>
/// The purge among many stored subjects (DESIGN.md, deadlines: it reads only what is due), staged in an
/// app hosted in this process on <paramref name="time"/>: destructions not yet due stored straight into the
/// deadlines table, real intakes made due by the clock, and one purge run counted and timed. Shared by
/// PurgeScalingTests (which asserts the requests) and the benchmark's purge mode (which times it).
/// </summary>
public sealed class PurgeStage(IServiceProvider services, FakeTimeProvider time)
{
    /// <summary>What an intake's retention leaves due 90 days on: the clock moves a day more.</summary>
    public static readonly TimeSpan IntakeRetention = TimeSpan.FromDays(91);

    /// <summary>Destructions of records that exist elsewhere, due in fifty years: what a large collective stores. Batched, 500 a transaction.</summary>
    public async Task NotYetDueAsync(int count)
    {
        var due = time.GetUtcNow().AddYears(50);
        var store = services.GetRequiredService<IDeadlineStore>();
        var deadlines = Enumerable.Range(0, count)
            .Select(i => Deadline.New(IntakeDestruction.Destroy, due.AddMinutes(i % 500), "c" + new string('0', 64), NotYetDuePrefix + Guid.NewGuid().ToString("N")))
            .ToArray();
        foreach (var chunk in deadlines.Chunk(500))
            await store.ScheduleAsync(chunk, CancellationToken.None);
    }

    /// <summary>The subject of every destruction <see cref="NotYetDueAsync"/> stores starts with this.</summary>
    public const string NotYetDuePrefix = "stored-";

    /// <summary>Real intakes (their rows, key, emails, queue entry), made due by the clock.</summary>
    public async Task DueIntakesAsync(int count, string round)
    {
        var intakes = services.GetRequiredService<IntakeService>();
        for (var i = 0; i < count; i++)
        {
            using var body = JsonDocument.Parse(IntakeBodies.Valid($"due-{round}-{i}@example.org").ToJsonString());
            var form = IntakeForm.Parse(body.RootElement);
            Check.True(form.IsSuccess, "the valid intake body parses");
            var submitted = await intakes.SubmitAsync(form.Value, null, CancellationToken.None);
            Check.True(submitted.IsSuccess, "the intake is submitted");
        }
        await SettledAsync();
        time.Advance(IntakeRetention);
        await SettledAsync();
    }

    /// <summary>Waits until the app's background work (emails, indexing, timers the clock woke) is done.</summary>
    public async Task SettledAsync()
    {
        var counter = services.GetRequiredService<StorageRequestCounter>();
        long seen;
        do
        {
            seen = counter.Count;
            await Task.Delay(700);
        }
        while (counter.Count != seen);
    }

    /// <summary>One run of the purge timer's work, on its own async flow: the deadlines it ran, its storage requests, its time.</summary>
    public async Task<PurgeCost> PurgeAsync()
    {
        using var scope = StorageRequestCounter.BeginScope();
        var clock = Stopwatch.StartNew();
        var destroyed = await services.GetRequiredService<RetentionService>().PurgeDueAsync(CancellationToken.None);
        return new PurgeCost(destroyed, scope.Count, clock.Elapsed.TotalMilliseconds);
    }
}

/// <summary>What one purge run cost: the deadlines it ran to completion, its Table Storage requests, its time.</summary>
public sealed record PurgeCost(int Destroyed, long Requests, double Milliseconds);
