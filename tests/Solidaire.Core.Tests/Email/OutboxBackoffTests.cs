using Solidaire.Core.Email;

namespace Solidaire.Core.Tests.Email;

public sealed class OutboxBackoffTests
{
    private static readonly EmailOptions Options = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromHours(1),
    };

    [Fact]
    public void Backoff_AfterTheFirstAttempt_IsTheFirstRetryDelay()
    {
        var delay = OutboxSender.Backoff(1, Options);

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
    }

    [Theory]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(7, 1920)]
    public void Backoff_DoublesWithEachAttempt(int attempts, int seconds)
    {
        var delay = OutboxSender.Backoff(attempts, Options);

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Theory]
    [InlineData(8)] // 30 s × 2⁷ = 64 min
    [InlineData(20)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Backoff_IsCappedAtTheMaxRetryDelay(int attempts)
    {
        var delay = OutboxSender.Backoff(attempts, Options);

        Assert.Equal(TimeSpan.FromHours(1), delay);
    }

    [Fact]
    public void Backoff_WhenFirstDelayEqualsTheMax_StaysAtTheMax()
    {
        var options = new EmailOptions { FirstRetryDelay = TimeSpan.FromMinutes(5), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromMinutes(5), OutboxSender.Backoff(3, options));
    }
}
