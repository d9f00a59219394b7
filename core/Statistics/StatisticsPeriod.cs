using System.Globalization;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Statistics;

/// <summary>The months a reader asks for: from and to inclusive ("yyyy-MM", UTC), the last 12 by default, at most 36.</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 36;

    public static readonly Failure Invalid = new(FailureKind.Unprocessable, "invalid_period",
        "The period must be two months written yyyy-MM, from no later than to, at most 36 months.");

    /// <summary>Every month of the period, first to last, as "yyyy-MM".</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            var months = new List<string>();
            for (var m = From; m <= To; m = m.AddMonths(1))
                months.Add(DestructionLog.MonthOf(m));
            return months;
        }
    }

    /// <summary>
    /// The period the query asks for: a missing <paramref name="to"/> is this month, a missing
    /// <paramref name="from"/> the 12 months up to <paramref name="to"/>. 422 invalid_period otherwise.
    /// </summary>
    public static Outcome<StatisticsPeriod> Parse(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly toMonth = new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1), fromMonth = default;
        if (!string.IsNullOrEmpty(to) && !TryParseMonth(to, out toMonth))
            errors["to"] = ["Must be a month written yyyy-MM."];
        if (string.IsNullOrEmpty(from))
            fromMonth = errors.Count == 0 ? toMonth.AddMonths(1 - DefaultMonths) : default;
        else if (!TryParseMonth(from, out fromMonth))
            errors["from"] = ["Must be a month written yyyy-MM."];
        if (errors.Count == 0 && fromMonth > toMonth)
            errors["from"] = ["Must not be after to."];
        else if (errors.Count == 0 && MonthsBetween(fromMonth, toMonth) > MaxMonths)
            errors["from"] = [$"At most {MaxMonths} months can be read at once."];
        return errors.Count == 0
            ? Outcome<StatisticsPeriod>.Ok(new StatisticsPeriod(fromMonth, toMonth))
            : Invalid with { Errors = errors };
    }

    public static bool TryParseMonth(string text, out DateOnly month)
    {
        month = default;
        if (text.Length != 7 || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 2000)
            return false;
        month = parsed;
        return true;
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
}
