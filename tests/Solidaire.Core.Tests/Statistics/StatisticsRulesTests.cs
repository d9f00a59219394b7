using Solidaire.Core.Contracts;
using Solidaire.Core.Retention;
using Solidaire.Core.Statistics;

namespace Solidaire.Core.Tests.Statistics;

public sealed class StatisticsRulesTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 28, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void ClosureFacts_CountOutcomeSessionsKindAndBand_InTheClosureMonth_AndSurviveTheSubject()
    {
        var facts = StatisticsCells.OfClosure(November, "completed", 3, new Counterpart.Financial(49.99m));

        var parsed = StatisticsFacts.Parse(facts.ToSubject());

        Assert.Equal("2026-11;outcomes.completed;sessions.of_closed+3;counterparts.financial;amounts.20_49", facts.ToSubject());
        Assert.Equal(facts.Month, parsed.Month);
        Assert.Equal(facts.Increments, parsed.Increments);
    }

    [Theory]
    [InlineData(1, "under_20")]
    [InlineData(19.99, "under_20")]
    [InlineData(20, "20_49")]
    [InlineData(50, "50_99")]
    [InlineData(199.99, "100_199")]
    [InlineData(200, "200_plus")]
    [InlineData(1000, "200_plus")]
    public void AmountBand_IsTheBandItsLowerBoundOpens(double amount, string band) =>
        Assert.Equal(band, StatisticsCells.AmountBand((decimal)amount));

    [Fact]
    public void ClosureWithoutSignedContract_CountsNoCounterpartAndNoSessionCell() =>
        Assert.Equal("2026-11;outcomes.lapsed;counterparts.none", StatisticsCells.OfClosure(November, "lapsed", 0, null).ToSubject());

    [Theory]
    [InlineData("2026-11;intakes.manager;Name=Jeanne")]
    [InlineData("2026-11;intakes.robot")]
    [InlineData("2026-13;intakes.manager")]
    [InlineData("2026-11;sessions.of_closed+-1")]
    [InlineData("2026-11")]
    public void Subject_NamingAnythingButAKnownCell_IsRefused(string subject) =>
        Assert.Throws<FormatException>(() => StatisticsFacts.Parse(subject));

    [Fact]
    public void Deadline_FallsDueAtTheFirstMidnightAtLeastAnHourLater_WhateverTheTimeOfDay()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), StatisticsCounter.AppliedAt(November));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), StatisticsCounter.AppliedAt(November.AddHours(-12)));
    }

    [Fact]
    public void CellsBelowThree_AreSuppressed_ZeroIncluded()
    {
        var shown = StatisticsReport.Suppress(new Dictionary<string, int> { ["a"] = 0, ["b"] = 1, ["c"] = 2, ["d"] = 3 }, []);

        Assert.Equal(new int?[] { null, null, null, 3 }, new[] { shown["a"], shown["b"], shown["c"], shown["d"] });
    }

    [Fact]
    public void OneSuppressedCellOfASharedSum_TakesTheSmallestShownCellWithIt_SoNeitherCanBeFoundByDifference()
    {
        // a + b + c = x: with c alone hidden, c = x - a - b.
        var shown = StatisticsReport.Suppress(new Dictionary<string, int> { ["a"] = 5, ["b"] = 4, ["c"] = 1, ["x"] = 10 }, [(["a", "b", "c"], ["x"])]);

        Assert.Equal(new int?[] { 5, null, null, 10 }, new[] { shown["a"], shown["b"], shown["c"], shown["x"] });
    }

    [Fact]
    public void Report_ShowsABandThatNoDifferenceCanRecover_AndGivesNoTotal()
    {
        var period = new StatisticsPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));
        var counts = StatisticsCells.All.ToDictionary(c => c, _ => 0);
        foreach (var cell in new[] { "outcomes.completed", "outcomes.referred", "outcomes.classic_contract", "outcomes.ended_by_client", "outcomes.ended_by_coach", "outcomes.lapsed" })
            counts[cell] = 4;
        counts["counterparts.financial"] = 4;
        counts["counterparts.non_financial"] = 10;
        counts["counterparts.none"] = 10;
        counts["amounts.under_20"] = 4;

        var month = StatisticsReport.Build(period, new Dictionary<string, IReadOnlyDictionary<string, int>> { ["2026-11"] = counts }, []).Months.Single();

        // The bands other than under_20 are 0 (hidden), so under_20 is not recoverable: shown as it is.
        Assert.Equal(4, month.Counts["amounts.under_20"]);
        Assert.Equal(4, month.Counts["counterparts.financial"]);
        Assert.DoesNotContain(month.Counts.Keys, k => k.Contains("total", StringComparison.Ordinal));
        Assert.All(DestructionKinds.All, k => Assert.Null(month.Destructions[k]));
    }

    [Theory]
    [InlineData("2026-13", null)]
    [InlineData("2026-1", null)]
    [InlineData(null, "garbage")]
    [InlineData("november", null)]
    [InlineData("2026-11", "2026-10")]
    [InlineData("2023-10", "2026-10")]
    public void Period_ThatIsNotOneOfAtMost36Months_IsInvalidPeriod(string? from, string? to)
    {
        var parsed = StatisticsPeriod.Parse(from, to, November);

        Assert.False(parsed.IsSuccess);
        Assert.Equal("invalid_period", parsed.Failure.Code);
    }

    [Fact]
    public void Period_ByDefault_IsTheLast12MonthsUpToThisOne()
    {
        var period = StatisticsPeriod.Parse(null, null, November).Value!;

        Assert.Equal("2025-12", period.Months[0]);
        Assert.Equal("2026-11", period.Months[^1]);
        Assert.Equal(12, period.Months.Count);
    }
}
