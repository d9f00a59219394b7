using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;

namespace Solidaire.Functions.Http;

/// <summary>
/// The client's IP address: the connection's, unless the connection comes from a trusted proxy, in
/// which case the nearest untrusted address of X-Forwarded-For. A header a client sends by itself
/// changes nothing.
/// </summary>
public sealed class ClientAddress
{
    private readonly IReadOnlyList<IPNetwork> _trusted;

    public ClientAddress(IOptions<RateLimitingOptions> options)
    {
        _trusted = SettingList.Split(options.Value.TrustedProxies).Select(ParseNetwork).ToArray();
    }

    public static IPNetwork ParseNetwork(string value)
    {
        if (value.Contains('/', StringComparison.Ordinal))
            return IPNetwork.Parse(value);
        var address = IPAddress.Parse(value);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    public IPAddress Resolve(HttpContext http)
    {
        var current = Normalize(http.Connection.RemoteIpAddress ?? IPAddress.IPv6None);
        if (!IsTrusted(current))
            return current;
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        var hops = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!TryParseHop(hops[i], out var hop))
                return current; // a garbled chain: stop at the last address we can vouch for
            current = Normalize(hop);
            if (!IsTrusted(current))
                return current;
        }
        return current;
    }

    private bool IsTrusted(IPAddress address) => _trusted.Any(n => n.Contains(address));

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool TryParseHop(string hop, out IPAddress address)
    {
        if (IPAddress.TryParse(hop, out address!))
            return true;
        // "1.2.3.4:5678" or "[2001:db8::1]:5678", as some front ends write it.
        if (IPEndPoint.TryParse(hop, out var endpoint))
        {
            address = endpoint.Address;
            return true;
        }
        return false;
    }
}
