using System.ComponentModel.DataAnnotations;
using Solidaire.Core.Configuration;

namespace Solidaire.Functions.Http;

/// <summary>HTTP edge settings. Section "Http".</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest request body accepted, in bytes (default 64 KiB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>Per-client-IP limit on anonymous POST routes. Section "RateLimiting".</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    [Range(1, 1_000_000)]
    public int PerIpPerHour { get; set; } = 20;

    /// <summary>Proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed. Empty: none.</summary>
    public string TrustedProxies { get; set; } = "";
}

/// <summary>Origins allowed to call the API from a browser (the static site when hosted apart). Section "Cors".</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Comma-separated origins, e.g. "https://www.example.org". Empty: same origin only.</summary>
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlyList<string> Origins => SettingList.Split(AllowedOrigins);
}
