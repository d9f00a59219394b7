using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Solidaire.Core.Storage;

/// <summary>
/// Creates the tables at start. Storage may come up after the app (or be down for a while):
/// the app keeps starting and answering 503 meanwhile, and this keeps trying in the background.
/// </summary>
public sealed partial class TableInitializer(Tables tables, ILogger<TableInitializer> logger, TimeProvider time) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tables.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
                _ready.TrySetResult();
                return;
            }
            catch (Exception e) when (Tables.IsUnavailable(e))
            {
                LogStorageNotReady(logger, delay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the app stops (or never started)
            }
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage is not reachable yet; trying again in {Delay}.")]
    private static partial void LogStorageNotReady(ILogger logger, TimeSpan delay);
}
