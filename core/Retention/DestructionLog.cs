using System.Globalization;
using Azure.Data.Tables;
using Solidaire.Core.Storage;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Retention;

/// <summary>The kinds of destruction the log records (never what or whom).</summary>
public static class DestructionKinds
{
    public const string UnfollowedIntake = "unfollowed-intake";
    public const string WorkingData = "working-data";
    public const string ContractEvidence = "contract-evidence";
    public const string Complaint = "complaint";
    public const string StaffRecord = "staff-record";
    public const string Outbox = "outbox";
    public const string AccessLog = "access-log";
    public const string Erasure = "erasure";

    /// <summary>Every kind, in the order the statistics show them.</summary>
    public static readonly IReadOnlyList<string> All = [UnfollowedIntake, WorkingData, ContractEvidence, Complaint, StaffRecord, Outbox, AccessLog, Erasure];
}

/// <summary>One destruction as the log keeps it: its kind, its day and how many rows and data keys went.</summary>
public sealed record DestructionEntry(string Kind, DateOnly Day, int Rows, int Keys);

/// <summary>
/// The destruction log (rule 10): what remains of a destroyed subject is one entry with its kind,
/// its day and its counts, under a random key in the month's partition: nothing personal, nothing that
/// leads back to the subject (not its dossier, not its reference, not the time of day).
/// </summary>
public sealed class DestructionLog(Tables tables, TimeProvider time)
{
    private TableClient Table => tables.Get(Tables.Destructions);

    public async Task RecordAsync(string kind, int rows, int keys, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var entity = new TableEntity(MonthOf(day), Guid.NewGuid().ToString("N"))
        {
            [nameof(DestructionEntry.Kind)] = kind,
            [nameof(DestructionEntry.Day)] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [nameof(DestructionEntry.Rows)] = rows,
            [nameof(DestructionEntry.Keys)] = keys,
        };
        await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        BusinessCounters.SubjectDestroyed(kind);
    }

    /// <summary>The entries of the months from <paramref name="from"/> to <paramref name="to"/> (inclusive), in one query.</summary>
    public async Task<IReadOnlyList<DestructionEntry>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {MonthOf(from)} and PartitionKey le {MonthOf(to)}");
        var entries = new List<DestructionEntry>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new DestructionEntry(
                e.GetString(nameof(DestructionEntry.Kind)) ?? "?",
                DateOnly.ParseExact(e.GetString(nameof(DestructionEntry.Day)) ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                e.GetInt32(nameof(DestructionEntry.Rows)) ?? 0,
                e.GetInt32(nameof(DestructionEntry.Keys)) ?? 0));
        }
        return entries;
    }

    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
