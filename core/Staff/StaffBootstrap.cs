using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Staff;

/// <summary>
/// Enrols the first coordinators (Staff:BootstrapCoordinators) when the app starts, so they exist
/// before anyone asks for a link. Storage may not be up yet: it tries again, a little later each
/// time, and a coordinator's own sign-in request enrols them too.
/// </summary>
public sealed partial class StaffBootstrap(StaffRegistry registry, TableInitializer tables, TimeProvider time, ILogger<StaffBootstrap> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done: the first coordinators are in the registry and the coordinators' addresses loaded.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await EnrolAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops (or never started): nothing to report.
        }
    }

    private async Task EnrolAsync(CancellationToken stoppingToken)
    {
        await tables.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        var wait = TimeSpan.FromSeconds(2);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await registry.EnsureBootstrapCoordinatorsAsync(stoppingToken).ConfigureAwait(false);
                await registry.ListAsync(stoppingToken).ConfigureAwait(false);
                _ready.TrySetResult();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotYet(logger, e.GetType().Name, wait.TotalSeconds);
            }
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, 300));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The first coordinators could not be enrolled yet ({Error}); trying again in {Seconds} s.")]
    private static partial void LogNotYet(ILogger logger, string error, double seconds);
}
