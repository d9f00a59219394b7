using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Tests.Http;

/// <summary>What runs before every HTTP function: the per-IP limit on anonymous POST routes, and its 429 answer.</summary>
public sealed class HttpFunctionGateTests
{
    private static readonly HttpTrigger AnonymousPost = new(AuthLevel.Anonymous, ["POST"], "intakes");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private HttpFunctionGate Gate(int perHour)
    {
        var options = Options.Create(new RateLimitingOptions { PerIpPerHour = perHour });
        return new HttpFunctionGate(new IpRateLimiter(options, _time), new ClientAddress(options));
    }

    private static DefaultHttpContext Request(string method, string client = "198.51.100.7")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Connection.RemoteIpAddress = IPAddress.Parse(client);
        return http;
    }

    [Fact]
    public async Task AnonymousPost_OverTheLimit_Is429RateLimited_WithRetryAfterTheWait()
    {
        var gate = Gate(perHour: 1);
        Assert.Null(gate.Admit(Request("POST"), AnonymousPost));
        _time.Advance(TimeSpan.FromMinutes(15));

        var refused = gate.Admit(Request("POST"), AnonymousPost);

        var answer = await WrittenAnswer.Of(Assert.IsType<ProblemResult>(refused));
        Assert.Equal(429, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("rate_limited", answer.Property("code"));
        Assert.Equal("Too many requests from this address. Please try again later.", answer.Property("title"));
        Assert.Equal("2700", answer.Headers.RetryAfter.ToString());
        // Also in the body: a page on another origin cannot read Retry-After where CORS does not expose it.
        Assert.Equal("2700", answer.Property("retryAfter"));
    }

    [Fact]
    public void AnotherAddress_IsStillAdmitted()
    {
        var gate = Gate(perHour: 1);
        Assert.Null(gate.Admit(Request("POST"), AnonymousPost));

        Assert.Null(gate.Admit(Request("POST", client: "198.51.100.8"), AnonymousPost));
    }

    [Fact]
    public void Get_IsNeverLimited()
    {
        var gate = Gate(perHour: 1);
        var anonymousGet = AnonymousPost with { Methods = ["GET"] };

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(gate.Admit(Request("GET"), anonymousGet)));
    }

    [Fact]
    public void KeyedPost_IsNeverLimited()
    {
        var gate = Gate(perHour: 1);
        var functionLevel = AnonymousPost with { AuthLevel = AuthLevel.Function };

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(gate.Admit(Request("POST"), functionLevel)));
    }
}
