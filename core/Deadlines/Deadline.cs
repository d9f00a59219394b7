using System.Globalization;
using Azure.Data.Tables;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Deadlines;

/// <summary>Which timer runs a deadline: the frequent one (emails, indexing, links) or the retention one (destruction).</summary>
public enum DeadlineLane { Prompt, Retention }

/// <summary>A kind of deadline, owned by the feature whose handler runs it.</summary>
public sealed record DeadlineKind(string Name, DeadlineLane Lane);

/// <summary>
/// A durable timer (DESIGN.md, deadlines): "do <see cref="Kind"/> for <see cref="Subject"/> of
/// <see cref="Dossier"/> at <see cref="Due"/>". One row shape for every kind. <see cref="Id"/> is
/// unique, so any number of deadlines of one subject can fall in the same instant.
/// </summary>
public sealed record Deadline(string Kind, DeadlineLane Lane, DateTimeOffset Due, string Dossier, string Subject, int Attempt, string Id)
{
    /// <summary>
    /// The trace context of the request that made this deadline (taken when it is made, kept through
    /// every move), so running it, however late, joins that request's trace (<see cref="Correlation"/>).
    /// </summary>
    public string? TraceParent { get; init; } = Correlation.Current();

    public static Deadline New(DeadlineKind kind, DateTimeOffset due, string dossier, string subject) =>
        new(kind.Name, kind.Lane, due, dossier, subject, 0, Guid.NewGuid().ToString("N"));

    /// <summary>The row key: lane, then due time, so a lane's due deadlines are one range of row keys.</summary>
    public string RowKey => DeadlineRows.DueKey(Lane, Due) + Id;

    /// <summary>The same deadline, due at another time.</summary>
    public Deadline MovedTo(DateTimeOffset due, int attempt) => this with { Due = due, Attempt = attempt };
}

/// <summary>
/// The Deadlines table's rows. Every deadline lives in one partition, ordered by lane and due time:
/// the runner reads one range (only what is due), and the deadlines one request starts (an email
/// now, a destruction in 90 days) are written together in one transaction.
/// </summary>
public static class DeadlineRows
{
    public const string Partition = "deadlines";
    public const string ParkedPrefix = "parked|";

    public const string Kind = nameof(Kind);
    public const string Due = nameof(Due);
    public const string Dossier = nameof(Dossier);
    public const string Subject = nameof(Subject);
    public const string Attempt = nameof(Attempt);
    public const string LastError = nameof(LastError);

    private const string TimeFormat = "yyyyMMddHHmmssfff";

    public static string LaneName(DeadlineLane lane) => lane == DeadlineLane.Prompt ? "prompt" : "retention";

    public static string LanePrefix(DeadlineLane lane) => LaneName(lane) + "|";

    public static string DueKey(DeadlineLane lane, DateTimeOffset due) =>
        LanePrefix(lane) + due.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "|";

    /// <summary>Where a deadline that failed too often waits for a person: outside every lane's range.</summary>
    public static string ParkedKey(Deadline d) => ParkedPrefix + LaneName(d.Lane) + "|" + d.Id;

    /// <summary>Every row of <paramref name="lane"/> due at <paramref name="now"/> or before.</summary>
    public static string DueFilter(DeadlineLane lane, DateTimeOffset now) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {LanePrefix(lane)} and RowKey lt {DueKey(lane, now.AddMilliseconds(1))}");

    public static TableEntity ToEntity(Deadline d, string? rowKey = null, string? lastError = null) => new(Partition, rowKey ?? d.RowKey)
    {
        [Kind] = d.Kind,
        [Due] = d.Due,
        [Dossier] = d.Dossier,
        [Subject] = d.Subject,
        [Attempt] = d.Attempt,
        [LastError] = lastError,
        [Correlation.RowProperty] = d.TraceParent,
    };

    /// <summary>The deadline a row holds. A row that does not parse still comes back (kind "?"), so it is retried and parked, not skipped forever.</summary>
    public static Deadline From(TableEntity e)
    {
        var parts = e.RowKey.Split('|');
        var lane = parts[0] == LaneName(DeadlineLane.Retention) ? DeadlineLane.Retention : DeadlineLane.Prompt;
        var id = parts.Length == 3 ? parts[2] : e.RowKey;
        var due = parts.Length == 3 && DateTime.TryParseExact(parts[1], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : e.GetDateTimeOffset(Due) ?? DateTimeOffset.MinValue;
        return new Deadline(e.GetString(Kind) ?? "?", lane, due, e.GetString(Dossier) ?? "", e.GetString(Subject) ?? "", e.GetInt32(Attempt) ?? 0, id)
        {
            TraceParent = e.GetString(Correlation.RowProperty),
        };
    }
}
