using System.Globalization;

namespace Solidaire.Core.Contracts;

/// <summary>
/// Amounts, dates and counts as a contract writes them, in French or English. Built by hand from
/// the invariant culture rather than from the machine's culture data, so that a contract's text
/// (and the SHA-256 the client signs) is the same on every machine and every ICU version.
/// </summary>
public static class ContractFormatting
{
    /// <summary>U+202F, the narrow no-break space French typography puts between digit groups and before "€".</summary>
    public const char NarrowNoBreakSpace = '\u202F';

    private static readonly NumberFormatInfo FrenchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = NarrowNoBreakSpace.ToString(), NumberGroupSizes = [3] };
    private static readonly NumberFormatInfo EnglishNumbers = new() { NumberDecimalSeparator = ".", NumberGroupSeparator = ",", NumberGroupSizes = [3] };

    private static readonly string[] FrenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    private static readonly string[] EnglishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"1 250,00 €" (narrow no-break spaces) in French, "€1,250.00" in English; always two decimals.</summary>
    public static string Euros(string language, decimal amount) => language == "en"
        ? "€" + amount.ToString("N2", EnglishNumbers)
        : amount.ToString("N2", FrenchNumbers) + NarrowNoBreakSpace + "€";

    /// <summary>"1er novembre 2026" / "12 novembre 2026" in French, "12 November 2026" in English, on the UTC calendar.</summary>
    public static string Date(string language, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var year = utc.Year.ToString(CultureInfo.InvariantCulture);
        var day = utc.Day.ToString(CultureInfo.InvariantCulture);
        return language == "en"
            ? $"{day} {EnglishMonths[utc.Month - 1]} {year}"
            : $"{(utc.Day == 1 ? "1er" : day)} {FrenchMonths[utc.Month - 1]} {year}";
    }

    /// <summary>"14:05", on the 24-hour UTC clock, for both languages.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"1 séance" / "3 séances", "1 day" / "180 days": a count and its noun, singular for 1.</summary>
    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
