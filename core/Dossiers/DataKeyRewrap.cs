using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Dossiers;

/// <summary>What a re-wrap run did: keys moved under the active master key, keys already there, keys that went meanwhile.</summary>
public sealed record RewrapReport(int Rewrapped, int AlreadyActive, int Skipped);

/// <summary>
/// Master-key rotation: every data key still wrapped under an older master key is unwrapped and
/// wrapped again under the active one (PersonalData:ActiveMasterKeyId). Data keys themselves never
/// change, so no sealed value is touched; once a run finds none left under the old master key, that
/// key can be removed from the settings. Each key row is replaced only as it was read: a unit
/// destroyed meanwhile stays destroyed. Reads every data key row of every partition (one range of
/// row keys): a maintenance job, run nightly, not on any request path.
/// </summary>
public sealed partial class DataKeyRewrap(Tables tables, PersonalDataProtector protector, ILogger<DataKeyRewrap> logger)
{
    private TableClient Table => tables.Get(Tables.Dossiers);

    public async Task<RewrapReport> RunAsync(CancellationToken cancellationToken)
    {
        var prefix = DossierKeys.DataKey("");
        var filter = TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {DossierKeys.PrefixEnd(prefix)}");
        int rewrapped = 0, active = 0, skipped = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var owner = new RetentionUnit(DossierId.Parse(row.PartitionKey), row.RowKey[prefix.Length..]).KeyOwner;
            if (DataKeyRow.WrappedKeyOf(row) is not { } wrapped || protector.RewrapDataKey(wrapped, owner) is not { } again)
            {
                active++;
                continue;
            }
            row[DataKeyRow.WrappedKey] = again;
            try
            {
                await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                rewrapped++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                skipped++; // destroyed, or changed, since it was read: nothing of it to move
            }
        }
        LogRun(logger, rewrapped, active, skipped);
        return new RewrapReport(rewrapped, active, skipped);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data keys re-wrapped under the active master key: {Rewrapped}; already under it: {Active}; gone meanwhile: {Skipped}.")]
    private static partial void LogRun(ILogger logger, int rewrapped, int active, int skipped);
}
