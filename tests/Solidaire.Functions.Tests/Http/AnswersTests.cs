using Microsoft.AspNetCore.Http;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

/// <summary>The one mapping from a core outcome to what the client receives.</summary>
public sealed class AnswersTests
{
    public static readonly TheoryData<FailureKind, int> StatusOfEachKind = new()
    {
        { FailureKind.Invalid, 400 },
        { FailureKind.Malformed, 400 },
        { FailureKind.NotFound, 404 },
        { FailureKind.Conflict, 409 },
        { FailureKind.PayloadTooLarge, 413 },
        { FailureKind.UnsupportedMediaType, 415 },
        { FailureKind.Unprocessable, 422 },
        { FailureKind.TooManyRequests, 429 },
        { FailureKind.Unavailable, 503 },
        { FailureKind.Unauthorized, 401 },
        { FailureKind.Forbidden, 403 },
        { FailureKind.Gone, 410 },
    };

    private static Task<WrittenAnswer> AnswerTo(Failure failure) =>
        WrittenAnswer.Of(Answers.From(Outcome<string>.Fail(failure), StatusCodes.Status200OK, value => new { value }));

    [Fact]
    public async Task Success_IsTheGivenStatus_WithTheBodyAsJson()
    {
        var answer = await WrittenAnswer.Of(Answers.From(Outcome<string>.Ok("ABCD-EFGH-JKLM"), StatusCodes.Status202Accepted, r => new { reference = r }));

        Assert.Equal(202, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"reference":"ABCD-EFGH-JKLM"}""", answer.Body.GetRawText());
    }

    [Theory]
    [MemberData(nameof(StatusOfEachKind))]
    public async Task Failure_IsAProblem_WithTheStatusOfItsKind_AndItsCodeAndTitle(FailureKind kind, int status)
    {
        var answer = await AnswerTo(new Failure(kind, "some_code", "Some title."));

        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
        Assert.Equal("urn:solidaire:problem:some_code", answer.Property("type"));
        Assert.Equal("Some title.", answer.Property("title"));
        Assert.Equal(status, answer.Body.GetProperty("status").GetInt32());
        Assert.Equal("some_code", answer.Property("code"));
        Assert.False(answer.Body.TryGetProperty("errors", out _), "no errors member without field errors");
        Assert.False(answer.Headers.ContainsKey("Retry-After"), "no Retry-After without a wait");
    }

    [Fact]
    public void StatusTable_CoversEveryFailureKind_SoThatNoneFallsTo500()
    {
        var covered = StatusOfEachKind.Select(row => (FailureKind)row[0]).Order();

        Assert.Equal(Enum.GetValues<FailureKind>().Order(), covered);
        Assert.All(Enum.GetValues<FailureKind>(), kind => Assert.NotEqual(500, Problems.StatusFor(kind)));
    }

    [Fact]
    public async Task ValidationFailure_CarriesTheFieldErrors()
    {
        var errors = new FieldErrors();
        errors.Add("email", "Must be an email address.");
        errors.Add("Idempotency-Key", "Must be 1 to 200 visible ASCII characters.");

        var answer = await AnswerTo(errors.ToFailure());

        Assert.Equal(400, answer.Status);
        Assert.Equal("validation_failed", answer.Property("code"));
        Assert.Equal(
            """{"Idempotency-Key":["Must be 1 to 200 visible ASCII characters."],"email":["Must be an email address."]}""",
            answer.Body.GetProperty("errors").GetRawText());
    }

    [Theory]
    [InlineData(10, "10")]
    [InlineData(90.2, "91")] // whole seconds, rounded up: never invite a retry too early
    [InlineData(0.2, "1")]
    [InlineData(0, "1")]
    [InlineData(3600, "3600")]
    public async Task FailureWithAWait_SaysItInRetryAfter_InWholeSeconds(double seconds, string expected)
    {
        var answer = await AnswerTo(new Failure(FailureKind.Unavailable, "some_code", "Some title.") { RetryAfter = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(expected, answer.Headers.RetryAfter.ToString());
        Assert.Equal(expected, answer.Property("retryAfter"));
    }

    [Fact]
    public async Task FailureWithoutAWait_HasNoRetryAfter_InHeaderOrBody()
    {
        var answer = await AnswerTo(new Failure(FailureKind.Conflict, "some_code", "Some title."));

        Assert.Equal(0, answer.Headers.RetryAfter.Count);
        Assert.False(answer.Body.TryGetProperty("retryAfter", out _));
    }

    [Fact]
    public async Task StorageUnavailable_Is503_WithRetryAfter10()
    {
        var answer = await WrittenAnswer.Of(Problems.From(Failure.StorageUnavailable));

        Assert.Equal(503, answer.Status);
        Assert.Equal("storage_unavailable", answer.Property("code"));
        Assert.Equal("Storage is not available right now. Please try again in a moment.", answer.Property("title"));
        Assert.Equal("10", answer.Headers.RetryAfter.ToString());
    }
}
