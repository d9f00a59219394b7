using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Statistics;

/// <summary>
/// Applies the anonymous monthly counts (rule 10), exactly once although a deadline runs at least once.
/// The facts travel in a statistics deadline written with the event (an intake's batch, a closure's),
/// due at the first midnight (UTC) at least an hour later and run in the retention lane: the day's counts
/// are applied together, so neither a deadline nor a count's time says anything about one person.
/// Each month is one row ("months", "yyyy-MM") of the Statistics table: one column per cell and the
/// ids of the deadlines it applied lately; an increment is one replace (or insert) guarded by the row's
/// ETag, and a deadline whose id the row already lists is counted already. No id of anyone, no date
/// finer than the month, no personal data is ever written there.
/// </summary>
public sealed class StatisticsCounter(Tables tables) : IDeadlineHandler
{
    /// <summary>"Add these facts to their month": subject = <see cref="StatisticsFacts.ToSubject"/>, dossier = <see cref="Dossier"/>.</summary>
    public static readonly DeadlineKind Count = new("statistics.count", DeadlineLane.Retention);

    /// <summary>The dossier every statistics deadline names: none (the facts are nobody's).</summary>
    public const string Dossier = "statistics";

    public const string Partition = "months";
    public const string AppliedColumn = "Applied";

    /// <summary>
    /// How many applied deadline ids a month keeps (newest first; 33 characters each, well within a
    /// property's 64 KiB). A deadline runs again only after its lease ended or its settlement failed,
    /// long before this many others of the same month were applied.
    /// </summary>
    public const int AppliedKept = 500;

    private const int MaxAttempts = 10;

    /// <summary>Table Storage requests of one count applied, at most, without contention: its month read, its month written.</summary>
    public const int RoundTrips = 2;

    public DeadlineKind Kind => Count;

    private TableClient Table => tables.Get(Tables.Statistics);

    /// <summary>The deadline that counts <paramref name="facts"/>, written in the same batch as the event's other deadlines.</summary>
    public static Deadline NewDeadline(DateTimeOffset now, StatisticsFacts facts) =>
        Deadline.New(Count, AppliedAt(now), Dossier, facts.ToSubject());

    /// <summary>The first midnight (UTC) at least an hour after <paramref name="now"/>: late enough for an abandoned change to have cleared its deadline first.</summary>
    public static DateTimeOffset AppliedAt(DateTimeOffset now) =>
        new(now.UtcDateTime.AddHours(1).Date.AddDays(1), TimeSpan.Zero);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var facts = StatisticsFacts.Parse(deadline.Subject);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, facts.Month, cancellationToken: cancellationToken).ConfigureAwait(false);
            var row = found.HasValue ? found.Value! : new TableEntity(Partition, facts.Month);
            var applied = (row.GetString(AppliedColumn) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (applied.Contains(deadline.Id, StringComparer.Ordinal))
                return DeadlineResult.Done; // counted by an earlier run whose settlement did not land
            foreach (var increment in facts.Increments)
            {
                var column = StatisticsCells.Column(increment.Cell);
                row[column] = (row.GetInt32(column) ?? 0) + increment.By;
            }
            row[AppliedColumn] = string.Join(',', applied.Take(AppliedKept - 1).Prepend(deadline.Id));
            try
            {
                if (found.HasValue)
                    await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                else
                    await Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                return DeadlineResult.Done;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another deadline of the same month landed first: read again and add to its counts, after a
                // short random pause so that writers who collided do not collide again in step.
                await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
        throw new InvalidOperationException("The month's counts changed under every attempt."); // the runner retries later
    }

    /// <summary>The counts of the months from <paramref name="from"/> to <paramref name="to"/> ("yyyy-MM", inclusive), by month then cell. One query.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> ReadAsync(string from, string to, CancellationToken cancellationToken)
    {
        var months = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {from} and RowKey le {to}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            months[row.RowKey] = StatisticsCells.All.ToDictionary(c => c, c => row.GetInt32(StatisticsCells.Column(c)) ?? 0, StringComparer.Ordinal);
        }
        return months;
    }
}
