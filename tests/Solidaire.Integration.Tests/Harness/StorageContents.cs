using Azure.Data.Tables;
using Solidaire.Core.Storage;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>What a test app's tables hold, read straight from Azurite.</summary>
public static class StorageContents
{
    public static Task<IReadOnlyList<TableEntity>> AllAsync(TestApp app, string? table = null) => AllAsync(app.Tables, table);

    /// <summary>Every row of <paramref name="table"/> (or of every table), through <paramref name="tables"/>' own client pipeline.</summary>
    public static async Task<IReadOnlyList<TableEntity>> AllAsync(Tables tables, string? table = null)
    {
        var all = new List<TableEntity>();
        foreach (var name in table is null ? Tables.All : [table])
        {
            await foreach (var e in tables.Get(name).QueryAsync<TableEntity>())
                all.Add(e);
        }
        return all;
    }

    /// <summary>The rows of <paramref name="table"/> whose key starts with <paramref name="rowKeyPrefix"/>, clients' only (the staff registry is left out).</summary>
    public static async Task<IReadOnlyList<TableEntity>> RowsAsync(TestApp app, string table, string rowKeyPrefix) =>
        (await ClientRowsAsync(app, table)).Where(e => e.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal)).ToArray();

    /// <summary>Every row about clients: everything but the staff registry, which the app fills at start with its first coordinators.</summary>
    public static async Task<IReadOnlyList<TableEntity>> ClientRowsAsync(TestApp app, string? table = null) =>
        (await AllAsync(app, table)).Where(e => e.PartitionKey != Solidaire.Core.Dossiers.DossierId.StaffRegistry.PartitionKey).ToArray();

    /// <summary>Every key and value of every entity, as text: what someone with the storage account could read.</summary>
    public static async Task<string> DumpAsync(TestApp app) =>
        string.Join("\n", (await AllAsync(app)).Select(e =>
            e.PartitionKey + " " + e.RowKey + " " + string.Join(" ", e.Select(kv => kv.Key + "=" + kv.Value))));
}
