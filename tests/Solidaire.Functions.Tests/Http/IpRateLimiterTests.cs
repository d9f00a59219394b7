using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

public sealed class IpRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly IPAddress _client = IPAddress.Parse("198.51.100.7");

    private IpRateLimiter Limiter(int perHour) => new(Options.Create(new RateLimitingOptions { PerIpPerHour = perHour }), _time);

    [Fact]
    public void RequestsUpToTheLimit_AreAdmitted_AndTheNextIsRefusedWithTheWait()
    {
        var limiter = Limiter(3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryAcquire(_client));
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var wait = limiter.TryAcquire(_client);

        Assert.Equal(TimeSpan.FromMinutes(30), wait);
    }

    [Fact]
    public void AfterTheOldestRequestLeavesTheHour_OneMoreIsAdmitted()
    {
        var limiter = Limiter(1);
        Assert.Null(limiter.TryAcquire(_client));
        Assert.NotNull(limiter.TryAcquire(_client));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(limiter.TryAcquire(_client));
    }

    [Fact]
    public void Limits_ArePerAddress()
    {
        var limiter = Limiter(1);
        Assert.Null(limiter.TryAcquire(_client));

        Assert.Null(limiter.TryAcquire(IPAddress.Parse("198.51.100.8")));
    }

    [Fact]
    public void IPv6AddressesOfOneSlash64_ShareOneLimit()
    {
        var limiter = Limiter(1);
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2::1")));

        Assert.NotNull(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:fffe")));
    }

    [Fact]
    public void IPv6AddressesOfAnotherSlash64_HaveTheirOwnLimit()
    {
        var limiter = Limiter(1);
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2::1")));

        Assert.Null(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void IPv4MappedIPv6_CountsAsItsIPv4Address_NotAsA64()
    {
        var limiter = Limiter(1);
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("::ffff:198.51.100.7")));

        Assert.NotNull(limiter.TryAcquire(_client));
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("::ffff:198.51.100.8")));
    }
}
