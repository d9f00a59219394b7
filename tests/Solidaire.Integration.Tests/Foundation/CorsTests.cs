using System.Net;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>The static site may be hosted on another origin: the API answers browsers from the allow-list only.</summary>
public sealed class CorsTests : AppTest
{
    private const string Site = "https://www.solidaire.example";

    protected override void Configure(IDictionary<string, string?> settings) => settings["Cors:AllowedOrigins"] = Site;

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/intakes");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,idempotency-key");
        return request;
    }

    [Fact]
    public async Task Preflight_FromTheAllowedOrigin_IsAllowed()
    {
        using var request = Preflight(Site);

        var response = await App.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString());
        Assert.Equal(Site, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoPermission()
    {
        using var request = Preflight("https://evil.example");

        var response = await App.Client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_FromTheAllowedOrigin_CarriesTheAllowOriginHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intakes") { Content = Json.Body(IntakeBodies.Valid("cors@example.org").ToJsonString()) };
        request.Headers.Add("Origin", Site);

        var response = await App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Site, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
