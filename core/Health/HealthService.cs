using System.Reflection;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Health;

public sealed record HealthReport(string Version);

/// <summary>Is the app able to serve: does Table Storage answer? If not, <see cref="Failure.StorageUnavailable"/>.</summary>
public sealed class HealthService(Tables tables)
{
    private static readonly string AppVersion =
        typeof(HealthService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public async Task<Outcome<HealthReport>> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            // One small authenticated call that every Table endpoint (and Azurite) serves.
            await foreach (var _ in tables.Service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().ConfigureAwait(false))
                break;
            return Outcome<HealthReport>.Ok(new HealthReport(AppVersion));
        }
        catch (Exception e) when (Tables.IsUnavailable(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failure.StorageUnavailable;
        }
    }
}
