using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions;

public static class AppServices
{
    /// <summary>Everything the functions need, the same under the Functions host and in standalone mode.</summary>
    public static IServiceCollection AddSolidaireFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSolidaireCore(configuration);
        services.AddSolidaireStorage(configuration);
        services.AddSolidaireEmail(configuration);
        // The executors of the IActionResults the functions return (JsonResult, ObjectResult), whoever hosts them.
        services.AddMvcCore();

        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TrustedProxiesParse(o.TrustedProxies), "RateLimiting:TrustedProxies must be IP addresses or CIDR ranges, comma-separated.")
            .ValidateOnStart();
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.Section))
            .Validate(o => o.Origins.All(x => Uri.TryCreate(x, UriKind.Absolute, out var u) && u.AbsolutePath == "/"), "Cors:AllowedOrigins must be origins such as https://www.example.org, comma-separated.")
            .ValidateOnStart();

        services.AddSingleton(_ => FunctionCatalog.Load(AppContext.BaseDirectory));
        services.AddSingleton<JsonRequestReader>();
        services.AddSingleton<Client.ClientLinkRequests>();
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<IpRateLimiter>();
        services.AddSingleton<HttpFunctionGate>();
        services.AddSingleton<UnexpectedErrors>();
        return services;
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
