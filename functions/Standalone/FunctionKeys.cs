using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// Auth levels as the Functions host applies them: Anonymous needs nothing; Function needs a function
/// or the master key; Admin needs the master key. The key comes in x-functions-key or ?code=.
/// Keys are settings (Standalone:FunctionKey, Standalone:MasterKey); without one, the level is closed.
/// </summary>
internal static class FunctionKeys
{
    public static bool Allows(HttpContext http, AuthLevel level, IConfiguration configuration)
    {
        if (level == AuthLevel.Anonymous)
            return true;
        var presented = http.Request.Headers["x-functions-key"].ToString();
        if (presented.Length == 0)
            presented = http.Request.Query["code"].ToString();
        if (presented.Length == 0)
            return false;
        var master = configuration["Standalone:MasterKey"];
        if (Matches(presented, master))
            return true;
        return level == AuthLevel.Function && Matches(presented, configuration["Standalone:FunctionKey"]);
    }

    private static bool Matches(string presented, string? key) =>
        !string.IsNullOrEmpty(key)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
