using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Solidaire.Core.Hosting;

/// <summary>
/// A background service made and started once the host has started (the server listening), not before.
/// The host makes every hosted service before it starts any: the storage client, the key set and every
/// deadline handler these services need were built on the start path, ahead of the first request. Made
/// here, they are built beside it. Its failures still reach the host, as the service's own would.
/// </summary>
public sealed class StartedAfterHost<T>(IServiceProvider services, IHostApplicationLifetime lifetime) : BackgroundService
    where T : BackgroundService
{
    private T? _service;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopped before it started
            }
        }
        var service = services.GetRequiredService<T>();
        _service = service;
        await service.StartAsync(stoppingToken).ConfigureAwait(false);
        if (service.ExecuteTask is { } running)
            await running.ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_service is { } service)
            await service.StopAsync(cancellationToken).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}

public static class StartedAfterHostRegistration
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a singleton (so others can wait on it) that the host starts
    /// through <see cref="StartedAfterHost{T}"/>: made and started once the host has started.
    /// </summary>
    public static IServiceCollection AddStartedAfterHost<T>(this IServiceCollection services)
        where T : BackgroundService
    {
        services.AddSingleton<T>();
        return services.AddHostedService<StartedAfterHost<T>>();
    }
}
