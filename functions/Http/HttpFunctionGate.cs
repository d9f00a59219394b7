using Microsoft.AspNetCore.Http;
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
        var wait = limiter.TryAcquire(clientAddress.Resolve(http));
        return wait is null
            ? null
            : new ProblemResult(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests from this address. Please try again later.")
            {
                RetryAfter = wait,
            };
    }
}
