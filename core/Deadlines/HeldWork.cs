using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Solidaire.Core.Deadlines;

/// <summary>
/// The immediate attempt: after a request committed a change, the deadlines it holds are run in the
/// background from what the request has in memory, so the answer does not wait for SendGrid. If this
/// process dies first, or the queue is full, the deadlines are still stored: the runner takes them
/// when their hold ends.
/// </summary>
public sealed class HeldWork
{
    private readonly Channel<IReadOnlyList<HeldDeadline>> _channel = Channel.CreateBounded<IReadOnlyList<HeldDeadline>>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    internal ChannelReader<IReadOnlyList<HeldDeadline>> Reader => _channel.Reader;

    public void Enqueue(IReadOnlyList<HeldDeadline> held) => _channel.Writer.TryWrite(held);

    /// <summary>Deadlines of a change that did not happen (or was superseded): completed without running, in the background.</summary>
    public void Forget(IEnumerable<Deadline> deadlines) =>
        Enqueue([.. deadlines.Select(d => new HeldDeadline(d, _ => Task.FromResult(DeadlineResult.Done)))]);
}

public sealed partial class HeldWorkRunner(HeldWork queue, DeadlineRunner runner, ILogger<HeldWorkRunner> logger) : BackgroundService
{
    // Each mostly waits on storage and the email provider, three round trips in a row: with 16, under a
    // burst of requests the background fell behind the answers, as many slots as requests in flight
    // waiting their turn at storage. More at once also lets their writes to the deadlines' and the
    // queue's one partition share requests (GroupCommit).
    private const int Concurrency = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Many at a time (see Concurrency): each mostly waits on SendGrid and storage.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stoppingToken };
        try
        {
            await Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken), parallel, async (held, ct) =>
            {
                try
                {
                    await runner.RunHeldAsync(held, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogFailed(logger, e.GetType().Name);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Immediate work failed ({ExceptionType}); the deadline runner will take it over.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
