using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// The admin and mailbox routes of standalone mode answer only on loopback. The test app listens
/// on loopback only, so a request from elsewhere is made by running the routed endpoint itself on a
/// context whose remote address is not loopback.
/// </summary>
public sealed class LoopbackOnlyTests : AppTest
{

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
