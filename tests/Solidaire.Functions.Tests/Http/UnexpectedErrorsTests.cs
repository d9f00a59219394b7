using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

/// <summary>The one mapping of what escaped a function, used by the worker middleware and the standalone server alike.</summary>
public sealed class UnexpectedErrorsTests
{
    private readonly RecordingLogger _logger = new();

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "malformed_request")]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "payload_too_large")]
    [InlineData(StatusCodes.Status408RequestTimeout, "request_timeout")]
    [InlineData(StatusCodes.Status431RequestHeaderFieldsTooLarge, "malformed_request")]
    public async Task RequestTheServerCouldNotRead_IsItsOwn4xxProblem_AndNoErrorLog(int status, string code)
    {
        var errors = new UnexpectedErrors(_logger);

        var problem = errors.ToProblem(new BadHttpRequestException("Bad chunk size data.", status), "Intake");

        var answer = await WrittenAnswer.Of(problem);
        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.Property("code"));
        Assert.DoesNotContain(_logger.Levels, l => l >= LogLevel.Warning);
    }

    [Fact]
    public async Task AnyOtherException_IsStill500InternalError_Logged()
    {
        var errors = new UnexpectedErrors(_logger);

        var answer = await WrittenAnswer.Of(errors.ToProblem(new InvalidOperationException("boom"), "Intake"));

        Assert.Equal(500, answer.Status);
        Assert.Equal("internal_error", answer.Property("code"));
        Assert.Contains(LogLevel.Error, _logger.Levels);
    }

    private sealed class RecordingLogger : ILogger<UnexpectedErrors>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
    }
}
