using Azure.Data.Tables;
using Solidaire.Core.Deadlines;

namespace Solidaire.Core.Tests.Deadlines;

/// <summary>One row shape for every deadline, keyed by lane and due time.</summary>
public sealed class DeadlineRowsTests
{
    private static readonly DeadlineKind Kind = new("test.kind", DeadlineLane.Prompt);
    private static readonly DateTimeOffset Due = new(2026, 11, 28, 10, 15, 30, 250, TimeSpan.Zero);

    [Fact]
    public void ADeadline_RoundTripsThroughItsRow()
    {
        var deadline = Deadline.New(Kind, Due, "c" + new string('1', 64), "SUBJECT") with { Attempt = 3 };

        var back = DeadlineRows.From(DeadlineRows.ToEntity(deadline));

        Assert.Equal(deadline, back);
    }

    [Fact]
    public void TwoDeadlinesOfOneSubject_DueAtTheSameInstant_HaveDistinctKeys()
    {
        var first = Deadline.New(Kind, Due, "c1", "S");
        var second = Deadline.New(Kind, Due, "c1", "S");

        Assert.NotEqual(first.RowKey, second.RowKey);
    }

    [Fact]
    public void RowKeys_SortByLaneThenDueTime_AndParkedRowsAreInNoLane()
    {
        var early = Deadline.New(Kind, Due, "c1", "S");
        var late = Deadline.New(Kind, Due.AddMinutes(1), "c1", "S");
        var retention = Deadline.New(new DeadlineKind("test.destroy", DeadlineLane.Retention), Due.AddYears(-1), "c1", "S");

        Assert.True(string.CompareOrdinal(early.RowKey, late.RowKey) < 0);
        Assert.StartsWith("prompt|", early.RowKey, StringComparison.Ordinal);
        Assert.StartsWith("retention|", retention.RowKey, StringComparison.Ordinal);
        Assert.False(DeadlineRows.ParkedKey(early).StartsWith("prompt|", StringComparison.Ordinal));
    }

    [Fact]
    public void ARowThatDoesNotParse_StillComesBack_SoItCanBeRetriedAndParked()
    {
        var garbage = new TableEntity(DeadlineRows.Partition, "prompt|not-a-time|x");

        var deadline = DeadlineRows.From(garbage);

        Assert.Equal("?", deadline.Kind);
        Assert.Equal(DeadlineLane.Prompt, deadline.Lane);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(4, 480)]
    [InlineData(30, 3600)]
    public void Backoff_DoublesFromTheFirstDelay_UpToTheMaximum(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Exponential(attempt, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
    }
}
