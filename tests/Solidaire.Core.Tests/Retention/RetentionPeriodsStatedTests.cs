using System.Text.RegularExpressions;
using Solidaire.Core.Contracts;
using Solidaire.Core.Retention;
using Solidaire.Testing;

namespace Solidaire.Core.Tests.Retention;

/// <summary>
/// Issue 11: the contract text, the README and the privacy page state the same periods as the
/// settings. One place holds them (<see cref="RetentionOptions"/>'s defaults); this reads each
/// period from there and finds it, as a person would read it, in each of the three.
/// </summary>
public sealed class RetentionPeriodsStatedTests
{
    private static readonly RetentionOptions Defaults = new();

    /// <summary>Every period: its setting, its value, and whether it counts years or days.</summary>
    public static TheoryData<string, int, bool> Periods() => new()
    {
        { nameof(RetentionOptions.IntakeDays), Defaults.IntakeDays, false },
        { nameof(RetentionOptions.WorkingDataDays), Defaults.WorkingDataDays, false },
        { nameof(RetentionOptions.EvidenceYears), Defaults.EvidenceYears, true },
        { nameof(RetentionOptions.ComplaintYears), Defaults.ComplaintYears, true },
        { nameof(RetentionOptions.OutboxDays), Defaults.OutboxDays, false },
        { nameof(RetentionOptions.AccessLogDays), Defaults.AccessLogDays, false },
    };

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    private static string Privacy => File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "privacy.html"));

    private static string Contract(string language) => ContractTemplate.Generate(new ContractTerms(
        language, "7KQ2-M9XD-4TZB", "Amélie", "Poulain", "Camille Martin", "certified", "EMCC", 4, "video", 90m, null,
        ContractRetention.From(Defaults), "ethique@solidaire.example", new DateTimeOffset(2026, 11, 12, 14, 5, 0, TimeSpan.Zero))).Text;

    [Theory]
    [MemberData(nameof(Periods))]
    public void Readme_StatesEachPeriod_InItsSettingsTable_AndItsRetentionTable(string setting, int value, bool years)
    {
        _ = years;
        var row = Readme.Split('\n').Single(l => l.StartsWith($"| `Retention__{setting}` |", StringComparison.Ordinal));
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Split('|')[2].Trim());
        Assert.Contains($"`Retention__{setting}` ({value})", Readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public void PrivacyPage_StatesEachPeriod_InBothLanguages(string setting, int value, bool years)
    {
        var key = char.ToLowerInvariant(setting[0]) + setting[1..];
        var stated = SpanOf(key).Matches(Privacy).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal([value.ToString(System.Globalization.CultureInfo.InvariantCulture), value.ToString(System.Globalization.CultureInfo.InvariantCulture)], stated);
        Assert.Contains($"<span data-period=\"{key}\">{value}</span>&nbsp;{(years ? "ans" : "jours")}", Privacy, StringComparison.Ordinal);
        Assert.Contains($"<span data-period=\"{key}\">{value}</span>&nbsp;{(years ? "years" : "days")}", Privacy, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public void Contract_StatesEachPeriod_InBothLanguages(string setting, int value, bool years)
    {
        _ = setting;
        Assert.Contains($"{value} {(years ? "ans" : "jours")}", Contract("fr").Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains($"{value} {(years ? "years" : "days")}", Contract("en").Replace('\u00A0', ' '), StringComparison.Ordinal);
    }

    private static Regex SpanOf(string key) => new($"<span data-period=\"{Regex.Escape(key)}\">([0-9]+)</span>");
}
