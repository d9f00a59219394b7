using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

public sealed class ProblemResultTests
{
    private static ProblemResult WithErrors(int fields) =>
        new(400, "validation_failed", "The request has invalid fields.")
        {
            Errors = Enumerable.Range(0, fields).ToDictionary(i => $"field{i:D4}", _ => new[] { "Unknown field." }),
        };

    [Fact]
    public async Task ThousandsOfFieldErrors_ListTheFirst20_AndCountTheRestInMoreErrors()
    {
        var answer = await WrittenAnswer.Of(WithErrors(2000));

        var listed = answer.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"field{i:D4}"), listed);
        Assert.Equal(1980, answer.Body.GetProperty("moreErrors").GetInt32());
    }

    [Fact]
    public async Task TwentyFieldErrors_AreAllListed_WithoutMoreErrors()
    {
        var answer = await WrittenAnswer.Of(WithErrors(20));

        Assert.Equal(20, answer.Body.GetProperty("errors").EnumerateObject().Count());
        Assert.False(answer.Body.TryGetProperty("moreErrors", out _));
    }
}
