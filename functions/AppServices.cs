using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;
using Solidaire.Functions.Telemetry;

namespace Solidaire.Functions;

public static class AppServices
{
    /// <summary>Everything the functions need, the same under the Functions host and in standalone mode.</summary>
    public static IServiceCollection AddSolidaireFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        RefuseUnresolvedKeyVaultReferences(configuration);
        services.AddSolidaireCore(configuration);
        services.AddSolidaireStorage(configuration);
        services.AddSolidaireEmail(configuration);
        services.AddSolidaireTelemetry(configuration);
        // The executors of the IActionResults the functions return (JsonResult, ObjectResult), whoever hosts them.
        services.AddMvcCore();
        WithoutControllerRouting(services);

        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TrustedProxiesParse(o.TrustedProxies), "RateLimiting:TrustedProxies must be IP addresses or CIDR ranges, comma-separated.")
            .ValidateOnStart();
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.Section))
            .Validate(o => o.Origins.All(x => Uri.TryCreate(x, UriKind.Absolute, out var u) && u.AbsolutePath == "/"), "Cors:AllowedOrigins must be origins such as https://www.example.org, comma-separated.")
            .ValidateOnStart();

        services.AddSingleton(_ => FunctionCatalog.Load(AppContext.BaseDirectory));
        services.AddSingleton<OpenApi.ApiDocument>();
        services.AddSingleton<JsonRequestReader>();
        services.AddSingleton<Client.ClientLinkRequests>();
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<IpRateLimiter>();
        services.AddSingleton<HttpFunctionGate>();
        services.AddSingleton<UnexpectedErrors>();
        return services;
    }

    /// <summary>
    /// MVC's routing policies (action constraints, dynamic controllers) act only on controllers' endpoints,
    /// and there are none: taken out, the first request's routing no longer builds MVC's controller
    /// discovery and model metadata (reflection and expression trees) for nothing.
    /// </summary>
    private static void WithoutControllerRouting(IServiceCollection services)
    {
        var mvcPolicies = services
            .Where(d => d.ServiceType == typeof(MatcherPolicy) && d.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) == true)
            .ToList();
        foreach (var policy in mvcPolicies)
            services.Remove(policy);
    }

    /// <summary>
    /// In Azure, a setting written as a Key Vault reference that the platform could not resolve (the
    /// secret is missing, or the app's identity may not read it) reaches the app as its literal
    /// "@Microsoft.KeyVault(...)" text: a key or an API key that is not one. Stop at start, naming it.
    /// </summary>
    internal static void RefuseUnresolvedKeyVaultReferences(IConfiguration configuration)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(kv => kv.Value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
            .Select(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (unresolved.Length > 0)
        {
            throw new InvalidSettingException(
                $"{string.Join(", ", unresolved)} {(unresolved.Length == 1 ? "is a Key Vault reference" : "are Key Vault references")} the platform did not resolve: " +
                "check that the secret exists in the vault and that the app's identity may read it (Key Vault Secrets User).");
        }
    }

    private static bool TrustedProxiesParse(string value)
    {
        try
        {
            _ = Core.Configuration.SettingList.Split(value).Select(ClientAddress.ParseNetwork).ToArray();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
