using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// The admin and mailbox routes of standalone mode answer only on loopback. The test app listens
/// on loopback only, so a request from elsewhere is made by running the routed endpoint itself on a
/// context whose remote address is not loopback. A page of another site reaching them through the
/// person's browser is a real request with that site's Host (DNS rebinding) or Origin.
/// </summary>
public sealed class LoopbackOnlyTests : AppTest
{
    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? host = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json.Body("{}") : null };
        if (host is not null)
            request.Headers.Host = host;
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await App.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("GET", "/admin/functions")]
    [InlineData("POST", "/admin/functions/DispatchOutbox")]
    [InlineData("GET", "/dev/mail/")]
    public async Task ThroughAnotherHostName_IsForbiddenProblem(string method, string path)
    {
        var problem = await Problem.ReadAsync(await SendAsync(method, path, host: "rebound.example:" + App.BaseAddress.Port));

        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal("forbidden", problem.Code);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:7071")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:7071")]
    public async Task ThroughALoopbackHostName_AnyPort_IsServed(string host)
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("GET", "/admin/functions", host: host)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("GET", "/dev/mail/", host: host)).StatusCode);
    }

    [Theory]
    [InlineData("http://attacker.example")]
    [InlineData("null")]
    [InlineData("http://localhost:1")]
    public async Task PostFromAnotherOrigin_IsForbiddenProblem(string origin)
    {
        var problem = await Problem.ReadAsync(await SendAsync("POST", "/admin/functions/DispatchOutbox", origin: origin));

        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal("forbidden", problem.Code);
    }

    [Fact]
    public async Task PostFromItsOwnOrigin_OrWithNoOrigin_IsAccepted()
    {
        var own = App.BaseAddress.GetLeftPart(UriPartial.Authority);

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("POST", "/admin/functions/DispatchOutbox", origin: own)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("POST", "/admin/functions/DispatchOutbox")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/functions")]
    [InlineData("POST", "/admin/functions/{name}")]
    [InlineData("GET", "/dev/mail/")]
    [InlineData("GET", "/dev/mail/{id}")]
    public async Task FromAnotherMachine_IsForbiddenProblem(string method, string route)
    {
        var endpoint = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == route && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false));
        await using var scope = App.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        http.Request.RouteValues["name"] = "DispatchOutbox";
        http.Request.RouteValues["id"] = "0123456789abcdef";
        http.Response.Body = new MemoryStream();

        await endpoint.RequestDelegate!(http);

        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("forbidden", body.RootElement.GetProperty("code").GetString());
    }
}
