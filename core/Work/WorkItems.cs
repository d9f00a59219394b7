using System.Globalization;
using Azure.Data.Tables;

namespace Solidaire.Core.Work;

/// <summary>
/// Durable deadlines: a row per thing to do, in a partition named by its kind and due minute
/// ("dispatch|202611271230"). A job reads only the partitions of its kind that are due, so its
/// cost grows with what is due, not with what is stored (Table design guide: index entities).
/// </summary>
public static class WorkItems
{
    public const string Dispatch = "dispatch";
    public const string Destroy = "destroy";

    public static string Partition(string kind, DateTimeOffset due) =>
        kind + "|" + due.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>Every row of <paramref name="kind"/> due at <paramref name="now"/> or before: a range over its partitions only.</summary>
    public static string DueFilter(string kind, DateTimeOffset now) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {kind + "|"} and PartitionKey le {Partition(kind, now)}");
}
