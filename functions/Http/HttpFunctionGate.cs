using Microsoft.AspNetCore.Http;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Http;

/// <summary>
/// What every HTTP function goes through before it runs, whoever hosts it (the Functions host's
/// middleware or the standalone server): the per-IP limit on anonymous POST routes that anyone can
/// call. Staff routes behind an access token are not counted: the token is their gate, and a
/// coordinator's working hour is more than twenty actions. The routes that hand out tokens are.
/// </summary>
public sealed class HttpFunctionGate(IpRateLimiter limiter, ClientAddress clientAddress)
{
    private static readonly HashSet<string> TokenIssuingRoutes = new(StringComparer.OrdinalIgnoreCase) { "staff/sign-in", "staff/access-tokens" };

    /// <summary>
    /// Whether a route answers only to a valid token (checked by the function, before anything else):
    /// a staff access token, or for client routes the emailed link's token.
    /// </summary>
    public static bool IsTokenProtected(HttpTrigger trigger) =>
        (trigger.Route.StartsWith("staff/", StringComparison.OrdinalIgnoreCase) || trigger.Route.StartsWith("client/", StringComparison.OrdinalIgnoreCase))
        && !TokenIssuingRoutes.Contains(trigger.Route);

    /// <summary>Whether a request of <paramref name="method"/> to this route counts against the per-IP limit.</summary>
    public static bool IsRateLimited(HttpTrigger trigger, string method) =>
        trigger.AuthLevel == AuthLevel.Anonymous && HttpMethods.IsPost(method) && !IsTokenProtected(trigger);

    public ProblemResult? Admit(HttpContext http, HttpTrigger trigger)
    {
        if (!IsRateLimited(trigger, http.Request.Method))
            return null;
        return limiter.TryAcquire(clientAddress.Resolve(http)) is { } wait ? Problems.From(RateLimited(wait)) : null;
    }

    /// <summary>Why a request over the per-IP limit is refused, and how long until the next one would be admitted.</summary>
    public static Failure RateLimited(TimeSpan retryAfter) =>
        new(FailureKind.TooManyRequests, "rate_limited", "Too many requests from this address. Please try again later.")
        {
            RetryAfter = retryAfter,
        };
}
