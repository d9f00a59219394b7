using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Functions.Http;

/// <summary>
/// Turns an exception that escaped a function into a problem. Only the exception's type and the
/// method that threw are logged, never its message or stack trace: either could carry personal data.
/// </summary>
public sealed partial class UnexpectedErrors(ILogger<UnexpectedErrors> logger)
{
    public ProblemResult ToProblem(Exception exception, string functionName)
    {
        // The server refused what the client sent (a garbled chunked body, a body too large or too slow):
        // the client's doing, not ours, so a 4xx and no error log.
        if (exception is BadHttpRequestException badRequest)
            return Problems.BadRequest(badRequest.StatusCode);
        if (Tables.IsUnavailable(exception))
        {
            LogStorageUnavailable(logger, functionName, exception.GetType().Name);
            return Problems.From(Failure.StorageUnavailable);
        }
        var correlationId = NewCorrelationId();
        LogUnexpected(logger, functionName, exception.GetType().FullName ?? "?", exception.TargetSite?.Name ?? "?", correlationId);
        return Problems.Unexpected(correlationId);
    }

    public string LogTimerFailure(Exception exception, string functionName)
    {
        var correlationId = NewCorrelationId();
        LogUnexpected(logger, functionName, exception.GetType().FullName ?? "?", exception.TargetSite?.Name ?? "?", correlationId);
        return correlationId;
    }

    private static string NewCorrelationId() =>
        Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed: {ExceptionType} in {Site}. Correlation id {CorrelationId}.")]
    private static partial void LogUnexpected(ILogger logger, string function, string exceptionType, string site, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: storage unavailable ({ExceptionType}).")]
    private static partial void LogStorageUnavailable(ILogger logger, string function, string exceptionType);
}
