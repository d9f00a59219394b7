using Microsoft.AspNetCore.Http;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Http;

/// <summary>
/// What every HTTP function goes through before it runs, whoever hosts it (the Functions host's
/// middleware or the standalone server): the per-IP limit on anonymous POST routes.
/// </summary>
public sealed class HttpFunctionGate(IpRateLimiter limiter, ClientAddress clientAddress)
{
    public ProblemResult? Admit(HttpContext http, HttpTrigger trigger)
    {
        if (trigger.AuthLevel != AuthLevel.Anonymous || !HttpMethods.IsPost(http.Request.Method))
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
