using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Tests.Intake;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_WhenHeaderIsAbsentOrEmpty_SucceedsWithNoKey(string? header)
    {
        var outcome = IdempotencyKey.Parse(header);

        Assert.True(outcome.IsSuccess);
        Assert.Null(outcome.Value.Text);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("try-1")]
    [InlineData("3f2b8c1e-5d4a-4b7e-9c0f-1a2b3c4d5e6f")]
    [InlineData("!~")] // the first and last visible ASCII characters
    [InlineData("a,b")] // two headers, as ASP.NET joins them
    public void Parse_WhenHeaderIsVisibleAscii_KeepsItAsSent(string header)
    {
        var outcome = IdempotencyKey.Parse(header);

        Assert.True(outcome.IsSuccess);
        Assert.Equal(header, outcome.Value.Text);
    }

    [Fact]
    public void Parse_WhenHeaderIs200Characters_KeepsIt()
    {
        var header = new string('k', 200);

        Assert.Equal(header, IdempotencyKey.Parse(header).Value.Text);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(10_000)]
    public void Parse_WhenHeaderIsLongerThan200Characters_IsRefused(int length) =>
        AssertRefused(IdempotencyKey.Parse(new string('k', length)));

    [Theory]
    [InlineData(" ")] // only a space is not "no key"
    [InlineData("try 1")]
    [InlineData("try\t1")]
    [InlineData("try\u007f")] // DEL
    [InlineData("try\u0000")]
    [InlineData("clé")]
    [InlineData("key🙂")]
    public void Parse_WhenHeaderHasAnythingButVisibleAscii_IsRefused(string header) =>
        AssertRefused(IdempotencyKey.Parse(header));

    /// <summary>What the client sees: a 400 validation problem naming the header as the field.</summary>
    private static void AssertRefused(Outcome<IdempotencyKey> outcome)
    {
        Assert.False(outcome.IsSuccess);
        Assert.Equal(FailureKind.Invalid, outcome.Failure.Kind);
        Assert.Equal("validation_failed", outcome.Failure.Code);
        var errors = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(outcome.Failure.Errors);
        Assert.Equal(["Idempotency-Key"], errors.Keys);
        Assert.Equal(["Must be 1 to 200 visible ASCII characters."], errors["Idempotency-Key"]);
    }
}
