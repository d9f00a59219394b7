using System.Globalization;
using System.Text;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;

namespace Solidaire.Core.Statistics;

/// <summary>
/// The anonymous statistics for coordinators (rule 10, DESIGN.md: coordinators see anonymous
/// statistics): the monthly counts and the destruction log summed by month and kind, suppressed as
/// <see cref="StatisticsReport"/> says. Two storage reads, together.
/// </summary>
public sealed class StatisticsService(StatisticsCounter counts, DestructionLog destructions, TimeProvider time)
{
    public async Task<Outcome<StatisticsReport>> ReadAsync(StaffMember actor, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!actor.Has(StaffRoles.Coordinator))
            return StaffService.NotAllowed;
        var parsed = StatisticsPeriod.Parse(from, to, time.GetUtcNow());
        if (!parsed.IsSuccess)
            return parsed.Failure;
        var period = parsed.Value;
        var months = period.Months;
        var counted = counts.ReadAsync(months[0], months[^1], cancellationToken);
        var destroyed = destructions.ReadAsync(period.From, period.To, cancellationToken);
        return Outcome<StatisticsReport>.Ok(StatisticsReport.Build(period, await counted.ConfigureAwait(false), await destroyed.ConfigureAwait(false)));
    }

    /// <summary>Every cell, in display order: the CSV's count columns.</summary>
    private static readonly string[] Cells = [.. StatisticsCells.Dimensions.SelectMany(d => d.Cells)];

    /// <summary>The CSV columns after "month": every cell, then every kind of destruction ("destructions.working-data").</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        [.. Cells, .. DestructionKinds.All.Select(k => StatisticsReport.Destructions + "." + k)];

    /// <summary>The report as CSV (RFC 4180, ';'-separated, UTF-8): a header row, then one row per month; a suppressed cell is "&lt; 3".</summary>
    public static string ToCsv(StatisticsReport report)
    {
        var csv = new StringBuilder();
        csv.Append("month;").AppendJoin(';', CsvColumns).Append("\r\n");
        foreach (var month in report.Months)
        {
            var values = Cells.Select(c => month.Counts[c])
                .Concat(DestructionKinds.All.Select(k => month.Destructions[k]))
                .Select(v => v is { } n ? n.ToString(CultureInfo.InvariantCulture) : "< " + StatisticsReport.MinimumCount.ToString(CultureInfo.InvariantCulture));
            csv.Append(month.Month).Append(';').AppendJoin(';', values).Append("\r\n");
        }
        return csv.ToString();
    }
}
