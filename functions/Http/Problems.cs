using Microsoft.AspNetCore.Http;
using Solidaire.Core.Outcomes;

namespace Solidaire.Functions.Http;

/// <summary>
/// The one place that turns outcomes into HTTP problems (RFC 9457). Every error a client can see
/// comes from here, with a stable code.
/// </summary>
public static class Problems
{
    public static ProblemResult From(Failure failure) => new(StatusFor(failure.Kind), failure.Code, failure.Title)
    {
        Errors = failure.Errors,
        RetryAfter = failure.RetryAfter,
        Missing = failure.Missing,
        Alternatives = failure.Alternatives,
    };

    public static int StatusFor(FailureKind kind) => kind switch
    {
        FailureKind.Invalid or FailureKind.Malformed => StatusCodes.Status400BadRequest,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        FailureKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        FailureKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        FailureKind.Unauthorized => StatusCodes.Status401Unauthorized,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.Gone => StatusCodes.Status410Gone,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemResult NotFound() =>
        new(StatusCodes.Status404NotFound, "not_found", "There is nothing at this address.");

    public static ProblemResult MethodNotAllowed(IReadOnlyList<string> allowed) =>
        new(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "This address does not accept this method.") { Allow = allowed };

    public static ProblemResult Unauthorized() =>
        new(StatusCodes.Status401Unauthorized, "unauthorized", "A valid key is required for this function.");

    public static ProblemResult Forbidden() =>
        new(StatusCodes.Status403Forbidden, "forbidden", "This address answers only on this machine.");

    /// <summary>What the web server refused to read (<see cref="BadHttpRequestException"/>), by its status.</summary>
    public static ProblemResult BadRequest(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => new(status, "payload_too_large", "The body is too large."),
        StatusCodes.Status408RequestTimeout => new(status, "request_timeout", "The request was not received in time."),
        >= 400 and < 500 => new(status, "malformed_request", "The request is not well-formed HTTP."),
        _ => new(StatusCodes.Status400BadRequest, "malformed_request", "The request is not well-formed HTTP."),
    };

    public static ProblemResult CrossOrigin() =>
        new(StatusCodes.Status403Forbidden, "forbidden", "This address does not accept requests sent from another site.");

    public static ProblemResult Unexpected(string correlationId) =>
        new(StatusCodes.Status500InternalServerError, "internal_error", "Something went wrong on our side. Please try again later.")
        {
            CorrelationId = correlationId,
        };
}
