using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Solidaire.Core.Email;

/// <summary>
/// The immediate attempt: after a request committed a change with emails, its dispatch is handed to
/// a background loop so the answer does not wait for SendGrid. If this process dies first, the
/// work row is still there for the scheduled dispatcher.
/// </summary>
public sealed class DispatchQueue(IOptions<EmailOptions> options)
{
    private readonly Channel<DispatchRequest> _channel = Channel.CreateBounded<DispatchRequest>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    internal ChannelReader<DispatchRequest> Reader => _channel.Reader;

    public void Enqueue(DispatchRequest request)
    {
        // Full or disabled: nothing lost, the timer job will find the work row.
        if (options.Value.DispatchImmediately)
            _channel.Writer.TryWrite(request);
    }
}

public sealed partial class ImmediateDispatcher(DispatchQueue queue, OutboxDispatcher dispatcher, ILogger<ImmediateDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await dispatcher.ProcessAsync(request, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Immediate dispatch failed ({ExceptionType}); the scheduled dispatcher will retry.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
