using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Solidaire.Core.Health;
using Solidaire.Core.Storage;

namespace Solidaire.Core;

/// <summary>One registration method per layer; every option is validated when the app starts.</summary>
public static class DependencyInjection
{
    /// <summary>Rules and application services.</summary>
    public static IServiceCollection AddSolidaireCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HealthService>();
        return services;
    }

    /// <summary>Table Storage: one client pipeline, with the request counter, and the tables created at start.</summary>
    public static IServiceCollection AddSolidaireStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<Tables>();
        services.AddSingleton<TableInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<TableInitializer>());
        return services;
    }
}
