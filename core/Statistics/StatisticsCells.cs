using System.Globalization;
using Solidaire.Core.Contracts;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Statistics;

/// <summary>One dimension of the monthly counts (intakes by role, engagements by outcome…) and its cells, in display order.</summary>
public sealed record StatisticsDimension(string Name, IReadOnlyList<string> Keys)
{
    public IEnumerable<string> Cells => Keys.Select(k => StatisticsCells.Cell(Name, k));
}

/// <summary>
/// What the anonymous monthly counts count (rule 10: what remains after destruction is counts only).
/// Every cell is a fixed name "dimension.key"; nothing else can become a column of the Statistics table.
/// </summary>
public static class StatisticsCells
{
    public const string Intakes = "intakes";
    public const string Outcomes = "outcomes";
    public const string Sessions = "sessions";
    public const string Counterparts = "counterparts";
    public const string Amounts = "amounts";

    /// <summary>The only key of <see cref="Sessions"/>: the sessions of the engagements closed that month.</summary>
    public const string SessionsOfClosed = "of_closed";

    public const string Financial = "financial";
    public const string NonFinancial = "non_financial";
    public const string NoContract = "none";

    /// <summary>The amount bands of a financial counterpart (the total the client chose, §2 Solidaire), lower bounds in euros.</summary>
    public static readonly IReadOnlyList<(string Key, decimal From)> AmountBands =
    [
        ("under_20", 0m), ("20_49", 20m), ("50_99", 50m), ("100_199", 100m), ("200_plus", 200m),
    ];

    public static readonly IReadOnlyList<StatisticsDimension> Dimensions =
    [
        new(Intakes, [.. IntakeForm.Roles.Keys]),
        new(Outcomes, [.. EngagementOutcomes.ByCoach, EngagementOutcomes.Lapsed]),
        new(Sessions, [SessionsOfClosed]),
        new(Counterparts, [Financial, NonFinancial, NoContract]),
        new(Amounts, [.. AmountBands.Select(b => b.Key)]),
    ];

    public static readonly IReadOnlySet<string> All = Dimensions.SelectMany(d => d.Cells).ToHashSet(StringComparer.Ordinal);

    public static string Cell(string dimension, string key) => dimension + "." + key;

    /// <summary>The cell's column in the Statistics table ("intakes.self_employed" → "intakes_self_employed"): cells come from a fixed list, so no two share one.</summary>
    public static string Column(string cell) => cell.Replace('.', '_');

    public static string AmountBand(decimal amountEur) => AmountBands.Last(b => amountEur >= b.From).Key;

    /// <summary>The month a fact counts in, as the table and the API write it (UTC).</summary>
    public static string Month(DateTimeOffset at) => DestructionLog.MonthOf(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>An intake, in its arrival month: its role as the API spells it.</summary>
    public static StatisticsFacts OfIntake(DateTimeOffset receivedAt, string role) =>
        new(Month(receivedAt), [new(Cell(Intakes, role), 1)]);

    /// <summary>
    /// A closed engagement, in its closure month: its outcome, its sessions, and its counterpart's kind
    /// (none when no contract was signed) with, for a financial one, the band of its amount.
    /// </summary>
    public static StatisticsFacts OfClosure(DateTimeOffset closedAt, string outcome, int sessions, Counterpart? counterpart)
    {
        List<StatisticsIncrement> cells = [new(Cell(Outcomes, outcome), 1)];
        if (sessions > 0)
            cells.Add(new(Cell(Sessions, SessionsOfClosed), sessions));
        switch (counterpart)
        {
            case Counterpart.Financial f:
                cells.Add(new(Cell(Counterparts, Financial), 1));
                cells.Add(new(Cell(Amounts, AmountBand(f.AmountEur)), 1));
                break;
            case Counterpart.NonFinancial:
                cells.Add(new(Cell(Counterparts, NonFinancial), 1));
                break;
            default:
                cells.Add(new(Cell(Counterparts, NoContract), 1));
                break;
        }
        return new StatisticsFacts(Month(closedAt), cells);
    }
}

/// <summary>How much one fact adds to one cell.</summary>
public sealed record StatisticsIncrement(string Cell, int By);

/// <summary>
/// The facts one event adds to one month's counts, as a statistics deadline carries them in its subject:
/// "2026-11;intakes.manager" or "2026-11;outcomes.completed;sessions.of_closed+3;counterparts.financial;amounts.20_49".
/// </summary>
public sealed record StatisticsFacts(string Month, IReadOnlyList<StatisticsIncrement> Increments)
{
    public string ToSubject() =>
        string.Join(';', Increments.Select(i => i.By == 1 ? i.Cell : i.Cell + "+" + i.By.ToString(CultureInfo.InvariantCulture)).Prepend(Month));

    /// <summary>The facts of a subject; a subject naming a cell outside the fixed list, or a bad month or number, is not one.</summary>
    public static StatisticsFacts Parse(string subject)
    {
        var parts = subject.Split(';');
        if (parts.Length < 2 || !StatisticsPeriod.TryParseMonth(parts[0], out _))
            throw new FormatException("Not a statistics subject.");
        var increments = new List<StatisticsIncrement>();
        foreach (var part in parts[1..])
        {
            var plus = part.IndexOf('+', StringComparison.Ordinal);
            var cell = plus < 0 ? part : part[..plus];
            var by = 1;
            if (!StatisticsCells.All.Contains(cell) || (plus >= 0 && (!int.TryParse(part[(plus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out by) || by is < 1 or > 1000)))
                throw new FormatException("Not a statistics cell.");
            increments.Add(new StatisticsIncrement(cell, by));
        }
        return new StatisticsFacts(parts[0], increments);
    }
}
