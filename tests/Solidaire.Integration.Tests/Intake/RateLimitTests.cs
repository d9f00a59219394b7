using System.Net;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Intake;

public sealed class RateLimitTests
{
    [Fact]
    public async Task AnonymousPost_OverTheHourlyLimit_Is429RateLimited_WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(s => s["RateLimiting:PerIpPerHour"] = "3");
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await app.Client.PostAsync(IntakeBodies.Valid($"rl{i}@example.org"))).StatusCode);

        var response = await app.Client.PostAsync(IntakeBodies.Valid("rl-last@example.org"));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.Status);
        Assert.Equal("rate_limited", problem.Code);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 3500, 3600);
        // The same wait in the body, for a page on another origin that cannot read the header.
        Assert.Equal(retryAfter, problem.Body.GetProperty("retryAfter").GetInt64());
    }

    [Fact]
    public async Task ClientSentForwardedFor_DoesNotEscapeTheLimit()
    {
        await using var app = await TestApp.StartAsync(s => s["RateLimiting:PerIpPerHour"] = "2");
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intakes") { Content = Json.Body(IntakeBodies.Valid($"xff{i}@example.org").ToJsonString()) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            var response = await app.Client.SendAsync(request);
            if (i < 2)
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            else
                Assert.Equal("rate_limited", (await Problem.ReadAsync(response)).Code);
        }
    }

    [Fact]
    public async Task ForwardedFor_FromATrustedProxy_IsTheClient()
    {
        await using var app = await TestApp.StartAsync(s =>
        {
            s["RateLimiting:PerIpPerHour"] = "1";
            s["RateLimiting:TrustedProxies"] = "127.0.0.1,::1";
        });
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intakes") { Content = Json.Body(IntakeBodies.Valid($"proxy{i}@example.org").ToJsonString()) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task TheLimit_IsLiftedWhenTheHourHasPassed()
    {
        await using var app = await TestApp.StartAsync(s => s["RateLimiting:PerIpPerHour"] = "1");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.PostAsync(IntakeBodies.Valid("hour1@example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.Client.PostAsync(IntakeBodies.Valid("hour2@example.org"))).StatusCode);

        app.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.PostAsync(IntakeBodies.Valid("hour3@example.org"))).StatusCode);
    }

    [Fact]
    public async Task IPv6Clients_OfOneSlash64_ShareOneLimit()
    {
        await using var app = await TestApp.StartAsync(s =>
        {
            s["RateLimiting:PerIpPerHour"] = "2";
            s["RateLimiting:TrustedProxies"] = "127.0.0.1,::1";
        });
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intakes") { Content = Json.Body(IntakeBodies.Valid($"v6-{i}@example.org").ToJsonString()) };
            request.Headers.Add("X-Forwarded-For", $"2001:db8:7:7::{i:x}");
            statuses.Add((await app.Client.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }
}
