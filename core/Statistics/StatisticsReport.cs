using Solidaire.Core.Retention;

namespace Solidaire.Core.Statistics;

/// <summary>One month as a reader sees it: each cell's count, null where it is suppressed (fewer than 3, or a complement of one).</summary>
public sealed record StatisticsMonth(string Month, IReadOnlyDictionary<string, int?> Counts, IReadOnlyDictionary<string, int?> Destructions);

/// <summary>
/// The monthly counts as they may be shown (§3.11, rule 10): no cell below <see cref="MinimumCount"/>
/// is given exactly, 0 included (null, shown "&lt; 3"), and no total is given. Where two dimensions
/// count the same engagements (outcomes and counterpart kinds; the financial kind and its amount
/// bands), one suppressed cell could be found by difference: then the smallest other cell of the
/// same sum is suppressed too, until none can (secondary suppression).
/// </summary>
public sealed record StatisticsReport(StatisticsPeriod Period, IReadOnlyList<StatisticsMonth> Months)
{
    public const int MinimumCount = 3;

    /// <summary>The dimension of the destruction log's counts, by kind of destruction.</summary>
    public const string Destructions = "destructions";

    /// <summary>Sums that two groups of cells share: knowing all but one of their cells gives the last.</summary>
    private static readonly (string[] Left, string[] Right)[] SameSums =
    [
        ([.. Dimension(StatisticsCells.Outcomes)], [.. Dimension(StatisticsCells.Counterparts)]),
        ([StatisticsCells.Cell(StatisticsCells.Counterparts, StatisticsCells.Financial)], [.. Dimension(StatisticsCells.Amounts)]),
    ];

    public static StatisticsReport Build(StatisticsPeriod period, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> counts, IEnumerable<DestructionEntry> destructions)
    {
        var destroyed = destructions.GroupBy(d => DestructionLog.MonthOf(d.Day))
            .ToDictionary(g => g.Key, g => g.CountBy(d => d.Kind).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        return new StatisticsReport(period, [.. period.Months.Select(month => new StatisticsMonth(
            month,
            Suppress(StatisticsCells.All.ToDictionary(c => c, c => counts.GetValueOrDefault(month)?.GetValueOrDefault(c) ?? 0, StringComparer.Ordinal), SameSums),
            Suppress(DestructionKinds.All.ToDictionary(k => k, k => destroyed.GetValueOrDefault(month)?.GetValueOrDefault(k) ?? 0, StringComparer.Ordinal), [])))]);
    }

    /// <summary>Every cell below the minimum suppressed; then, while a suppressed cell can be recovered from a shared sum, one more.</summary>
    public static IReadOnlyDictionary<string, int?> Suppress(IReadOnlyDictionary<string, int> counts, IReadOnlyList<(string[] Left, string[] Right)> sameSums)
    {
        var suppressed = counts.Where(kv => kv.Value < MinimumCount).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        while (FirstRecoverable(suppressed, sameSums) is { } sum)
        {
            var next = sum.Left.Concat(sum.Right).Where(c => !suppressed.Contains(c)).OrderBy(c => counts[c]).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
            if (next is null)
                break; // cannot happen: a recoverable sum has a cell that is shown
            suppressed.Add(next);
        }
        return counts.ToDictionary(kv => kv.Key, kv => suppressed.Contains(kv.Key) ? null : (int?)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// A shared sum with exactly one suppressed cell (the others give it away); null when there is none.
    /// Cells are only ever recovered from such a sum, so once none is left none can be.
    /// </summary>
    private static (string[] Left, string[] Right)? FirstRecoverable(HashSet<string> suppressed, IReadOnlyList<(string[] Left, string[] Right)> sameSums)
    {
        foreach (var sum in sameSums)
        {
            if (sum.Left.Concat(sum.Right).Count(suppressed.Contains) == 1)
                return sum;
        }
        return null;
    }

    private static IEnumerable<string> Dimension(string name) => StatisticsCells.Dimensions.Single(d => d.Name == name).Cells;
}
