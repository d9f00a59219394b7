using System.Reflection;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Health;

public sealed record HealthReport(string Version);

/// <summary>
/// Is the app able to serve: are its tables there (<see cref="TableInitializer"/> made them) and does Table
/// Storage answer? If not, <see cref="Failure.StorageUnavailable"/>: a 200 means a request sent now can be
/// served, which a storage answer alone does not say in the moment between start and the tables' creation.
/// Health is open to anyone and not rate-limited, so it must cost storage nothing per request: one
/// probe at a time, and its answer serves every caller for <see cref="ProbeLifetime"/>.
/// </summary>
public sealed class HealthService(Tables tables, TableInitializer initializer, TimeProvider time)
{
    /// <summary>How long one storage probe answers for: at most one storage request per this interval.</summary>
    public static readonly TimeSpan ProbeLifetime = TimeSpan.FromSeconds(5);

    private static readonly string AppVersion =
        typeof(HealthService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private readonly Lock _gate = new();
    private Task<Outcome<HealthReport>>? _probe;
    private DateTimeOffset _probeStarted;

    public Task<Outcome<HealthReport>> CheckAsync(CancellationToken cancellationToken)
    {
        // Not ready until the tables exist; the initializer is already trying, so this costs storage nothing.
        if (!initializer.Ready.IsCompletedSuccessfully)
            return Task.FromResult<Outcome<HealthReport>>(Failure.StorageUnavailable);
        Task<Outcome<HealthReport>> probe;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_probe is null || (_probe.IsCompleted && now - _probeStarted >= ProbeLifetime))
            {
                _probeStarted = now;
                _probe = Task.Run(ProbeAsync); // not under the lock
            }
            probe = _probe;
        }
        // A caller who leaves stops waiting; the probe goes on for the others.
        return probe.WaitAsync(cancellationToken);
    }

    private async Task<Outcome<HealthReport>> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            // One small authenticated call that every Table endpoint (and Azurite) serves.
            await foreach (var _ in tables.Service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().ConfigureAwait(false))
                break;
            return Outcome<HealthReport>.Ok(new HealthReport(AppVersion));
        }
        catch (Exception e) when (Tables.IsUnavailable(e) || e is OperationCanceledException)
        {
            return Failure.StorageUnavailable;
        }
    }
}
