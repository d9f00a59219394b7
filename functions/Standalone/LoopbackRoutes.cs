using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// Routes for this machine only (admin, mailbox). A loopback connection is not enough: a page of
/// another site can reach 127.0.0.1 through the person's browser, by a name of its own that resolves
/// there (DNS rebinding: the Host header gives it away) or by a cross-origin POST (the Origin header does).
/// </summary>
internal static class LoopbackRoutes
{
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public static RouteGroupBuilder LoopbackOnly(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (ctx, next) => Refusal(ctx.HttpContext) is { } refused ? refused : await next(ctx));

    public static ProblemResult? Refusal(HttpContext http)
    {
        var request = http.Request;
        if (!IsLoopback(http.Connection.RemoteIpAddress) || !LoopbackHosts.Contains(request.Host.Host, StringComparer.OrdinalIgnoreCase))
            return Problems.Forbidden();
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        if (!safe && request.Headers.Origin is { Count: > 0 } origin && !IsSameOrigin(origin.ToString(), request))
            return Problems.CrossOrigin();
        return null;
    }

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var from)
        && Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var self)
        && Uri.Compare(from, self, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
