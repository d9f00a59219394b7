using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Deadlines;

/// <summary>
/// The one deadline engine (DESIGN.md, durable timers). A run reads only what is due in its lane,
/// a page at a time; claims the page (one transaction, so two runners never run one deadline at the
/// same time); hands each deadline to the handler of its kind, one failure never stopping the
/// others; and settles the page in one transaction: done, moved to its new date, retried with
/// backoff, or parked after too many failures.
/// </summary>
public sealed partial class DeadlineRunner(
    IDeadlineStore store,
    IEnumerable<IDeadlineHandler> handlers,
    IOptions<DeadlineOptions> options,
    TimeProvider time,
    ILogger<DeadlineRunner> logger)
{
    /// <summary>Deadlines per page; a claim is two actions each, so one page is one transaction.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Table Storage requests of one page of a run, at most, on top of its handlers' own (asserted in the
    /// integration tests, printed by the benchmark): the due bucket read, the page claimed, the page settled.
    /// </summary>
    public const int RoundTrips = 3;

    /// <summary>
    /// Due deadlines read at once (the most one Table Storage query returns), then claimed, run and
    /// settled a page at a time, each page claimed just before it runs, so its lease starts then. One
    /// read serves up to twenty pages: the due range is read once a run, not once a page. (Azurite reads
    /// it by scanning every stored deadline, so a purge among 20,000 stored paid that scan per page; a
    /// row changed between the read and its page's claim fails the claim, which then goes one by one.)
    /// </summary>
    private const int ReadSize = 1000;

    /// <summary>A run stops after this many pages, so that a flood cannot hold a timer forever; the next run goes on.</summary>
    private const int MaxPagesPerRun = 200;

    private readonly Dictionary<string, IDeadlineHandler> _handlers = handlers.ToDictionary(h => h.Kind.Name, StringComparer.Ordinal);

    /// <summary>Runs every deadline of <paramref name="lane"/> that is due. Returns how many ran to completion.</summary>
    public async Task<int> RunDueAsync(DeadlineLane lane, CancellationToken cancellationToken)
    {
        var completed = 0;
        var pages = 0;
        while (pages < MaxPagesPerRun)
        {
            var due = await store.ReadDueAsync(lane, time.GetUtcNow(), ReadSize, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
                break;
            foreach (var page in due.Chunk(PageSize))
            {
                var claimed = await store.ClaimAsync(page, time.GetUtcNow() + options.Value.Lease, cancellationToken).ConfigureAwait(false);
                var settlements = new List<Settlement>(claimed.Count);
                foreach (var deadline in claimed)
                    settlements.Add(await RunOneAsync(deadline, cancellationToken).ConfigureAwait(false));
                await store.SettleAsync(settlements, cancellationToken).ConfigureAwait(false);
                completed += settlements.Count(s => s is Settlement.Complete);
                if (++pages == MaxPagesPerRun)
                    break;
            }
            if (due.Count < ReadSize)
                break;
        }
        return completed;
    }

    /// <summary>
    /// Runs deadlines this process already holds (written due at the end of a hold, as a request
    /// does for the work it then starts at once), with work of its own for each, and settles them in
    /// one transaction. One that fails is left as it is: the runner takes it when its hold ends.
    /// </summary>
    public async Task RunHeldAsync(IReadOnlyList<HeldDeadline> held, CancellationToken cancellationToken)
    {
        var settlements = new List<Settlement>(held.Count);
        foreach (var (deadline, work) in held)
        {
            using var activity = StartRun(deadline);
            try
            {
                settlements.Add(Ran(deadline, await work(cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failed(activity, e);
                LogHeldFailed(logger, deadline.Kind, deadline.Id, e.GetType().Name);
            }
        }
        await store.SettleAsync(settlements, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Settlement> RunOneAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        using var activity = StartRun(deadline);
        try
        {
            if (!_handlers.TryGetValue(deadline.Kind, out var handler))
                throw new UnknownDeadlineKindException();
            return Ran(deadline, await handler.HandleAsync(deadline, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(activity, e);
            var o = options.Value;
            var attempt = deadline.Attempt + 1;
            var error = e.GetType().Name;
            if (attempt >= o.MaxAttempts)
            {
                LogParked(logger, deadline.Kind, deadline.Id, attempt, error);
                BusinessCounters.DeadlineParked(deadline.Kind);
                return new Settlement.Park(deadline with { Attempt = attempt }, error);
            }
            var retryAt = time.GetUtcNow() + Backoff.Exponential(attempt, o.FirstRetryDelay, o.MaxRetryDelay);
            LogRetry(logger, deadline.Kind, deadline.Id, attempt, error, retryAt);
            return new Settlement.Move(deadline, deadline.MovedTo(retryAt, attempt), error);
        }
    }

    /// <summary>The span of one deadline's run, in the trace of the request that made it.</summary>
    private static Activity? StartRun(Deadline deadline)
    {
        var activity = Correlation.StartCausedBy(SolidaireTelemetry.Spans.DeadlineRun, deadline.TraceParent);
        activity?.SetTag(SolidaireTelemetry.Tags.DeadlineKind, deadline.Kind)
            .SetTag(SolidaireTelemetry.Tags.DeadlineLane, DeadlineRows.LaneName(deadline.Lane))
            .SetTag(SolidaireTelemetry.Tags.DeadlineId, deadline.Id)
            .SetTag(SolidaireTelemetry.Tags.DeadlineAttempt, deadline.Attempt);
        return activity;
    }

    private static Settlement Ran(Deadline deadline, DeadlineResult result)
    {
        BusinessCounters.DeadlineRun(deadline.Kind);
        return Settlement.Of(deadline, result);
    }

    /// <summary>The exception's type only: its message may quote what it was handling.</summary>
    private static void Failed(Activity? activity, Exception e) =>
        activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name).SetTag(SolidaireTelemetry.Tags.ExceptionType, e.GetType().Name);

    private sealed class UnknownDeadlineKindException : Exception;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline {Id} ({Kind}) failed ({ExceptionType}), attempt {Attempt}; will retry at {RetryAt:O}.")]
    private static partial void LogRetry(ILogger logger, string kind, string id, int attempt, string exceptionType, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {Id} ({Kind}) parked after {Attempt} failed attempts ({ExceptionType}): it needs a person.")]
    private static partial void LogParked(ILogger logger, string kind, string id, int attempt, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held deadline {Id} ({Kind}) failed ({ExceptionType}); the runner takes it when its hold ends.")]
    private static partial void LogHeldFailed(ILogger logger, string kind, string id, string exceptionType);
}

/// <summary>A deadline this process holds, and the work that settles it (from what it has in memory).</summary>
public sealed record HeldDeadline(Deadline Deadline, Func<CancellationToken, Task<DeadlineResult>> Work);
