using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Solidaire.Functions.Http;

/// <summary>
/// An RFC 9457 problem details answer with a stable <see cref="Code"/>: returned by functions (an
/// <see cref="IActionResult"/>) and by standalone mode's own endpoints and filters (an <see cref="IResult"/>).
/// </summary>
public sealed record ProblemResult(int Status, string Code, string Title) : IActionResult, IResult
{
    public const string ContentType = "application/problem+json";

    /// <summary>At most this many fields are listed in <c>errors</c>; <c>moreErrors</c> counts the others.</summary>
    public const int MaxListedErrors = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Detail { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    public string? CorrelationId { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public IReadOnlyList<string>? Allow { get; init; }
    public IReadOnlyList<string>? Missing { get; init; }
    public IReadOnlyList<string>? Alternatives { get; init; }

    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext);

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext);

    public async Task WriteAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        // The wait is said twice: in Retry-After, and in the body's retryAfter for a page on another
        // origin, which cannot read the header where CORS does not expose it (the platform's CORS in Azure).
        long? retryAfter = RetryAfter is { } wait ? (long)Math.Ceiling(Math.Max(1, wait.TotalSeconds)) : null;
        if (retryAfter is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Allow is { Count: > 0 })
            response.Headers.Allow = string.Join(", ", Allow);
        // A body of thousands of unknown fields must not get an answer hundreds of times its size.
        var listed = Errors is { Count: > MaxListedErrors } all ? all.Take(MaxListedErrors).ToDictionary(StringComparer.Ordinal) : Errors;
        int? moreErrors = Errors is { Count: > MaxListedErrors } ? Errors.Count - MaxListedErrors : null;
        var body = new Body($"urn:solidaire:problem:{Code}", Title, Status, Code, Detail, listed, moreErrors, Missing, Alternatives, retryAfter, CorrelationId);
        await JsonSerializer.SerializeAsync(response.Body, body, Json, http.RequestAborted).ConfigureAwait(false);
    }

    private sealed record Body(
        string Type,
        string Title,
        int Status,
        string Code,
        string? Detail,
        IReadOnlyDictionary<string, string[]>? Errors,
        int? MoreErrors,
        IReadOnlyList<string>? Missing,
        IReadOnlyList<string>? Alternatives,
        long? RetryAfter,
        string? CorrelationId);
}
