using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

public sealed class ClientAddressTests
{
    private static IPAddress Resolve(string trusted, string remote, string? forwardedFor)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return new ClientAddress(Options.Create(new RateLimitingOptions { TrustedProxies = trusted })).Resolve(http);
    }

    [Fact]
    public void ForwardedFor_FromAnUntrustedConnection_IsIgnored() =>
        Assert.Equal(IPAddress.Parse("203.0.113.9"), Resolve("", "203.0.113.9", "198.51.100.1"));

    [Fact]
    public void ForwardedFor_FromATrustedProxy_GivesTheNearestUntrustedHop() =>
        Assert.Equal(IPAddress.Parse("198.51.100.7"), Resolve("10.0.0.0/8,127.0.0.1", "127.0.0.1", "192.0.2.55, 198.51.100.7, 10.1.2.3"));

    [Fact]
    public void ForwardedFor_WithPorts_IsUnderstood() =>
        Assert.Equal(IPAddress.Parse("198.51.100.7"), Resolve("127.0.0.1", "127.0.0.1", "198.51.100.7:53211"));

    [Fact]
    public void GarbledForwardedFor_FromATrustedProxy_StopsAtTheProxy() =>
        Assert.Equal(IPAddress.Parse("127.0.0.1"), Resolve("127.0.0.1", "127.0.0.1", "not-an-ip"));
}
