using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;
using Solidaire.Core.Work;

namespace Solidaire.Core.Retention;

/// <summary>
/// Destroys what is due (rule 10; §3.12, §3.23, §4.11). Every dossier record was given its
/// destruction date when it was made, and a deadline row in that minute's "destroy|" partition; this
/// reads only the partitions that are due. An intake is destroyed in one entity-group transaction
/// that deletes its data key (crypto-shredding: any copy of its sealed fields, anywhere, is now
/// unreadable) with every row of it: the intake, its emails, its duplicate markers.
/// </summary>
public sealed partial class RetentionService(Tables tables, IntakeQueue queue, TimeProvider time, ILogger<RetentionService> logger)
{
    private const int MaxBatch = 100;

    /// <summary>Destroys every intake whose time has come. Returns how many it destroyed.</summary>
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var work = tables.Get(Tables.Work);
        var filter = WorkItems.DueFilter(WorkItems.Destroy, now);
        var due = new List<TableEntity>();
        await foreach (var e in work.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            due.Add(e);

        var destroyed = 0;
        foreach (var deadline in due)
        {
            if (await DestroyIntakeAsync(deadline.GetString("DossierPartition"), deadline.GetString("IntakeId"), now, cancellationToken).ConfigureAwait(false))
            {
                destroyed++;
                if (deadline.GetString("QueueRowKey") is { } queueRow)
                    await queue.RemoveAsync(queueRow, cancellationToken).ConfigureAwait(false);
            }
            await work.DeleteEntityAsync(deadline.PartitionKey, deadline.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        if (destroyed > 0)
            LogDestroyed(logger, destroyed);
        return destroyed;
    }

    /// <returns>False when the intake's own date was moved later since the deadline was written (then nothing is destroyed).</returns>
    private async Task<bool> DestroyIntakeAsync(string partition, string intakeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dossiers = tables.Get(Tables.Dossiers);
        var key = DossierRows.DataKey(intakeId);
        var intake = DossierRows.Intake(intakeId);
        var outbox = DossierRows.OutboxPrefix(intakeId);
        var outboxEnd = DossierRows.PrefixEnd(outbox);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {key} or RowKey eq {intake} or (RowKey ge {outbox} and RowKey lt {outboxEnd}) or (RowKey ge {"dedup|"} and RowKey lt {"dedup}"} and IntakeId eq {intakeId}))");
        var rows = new List<TableEntity>();
        await foreach (var e in dossiers.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            rows.Add(e);

        var intakeRow = rows.FirstOrDefault(r => r.RowKey == intake);
        if (intakeRow?.GetDateTimeOffset("DestroyAt") is { } destroyAt && destroyAt > now)
            return false;

        // The data key first: if a later batch fails, what remains is already unreadable.
        foreach (var batch in rows.OrderBy(r => r.RowKey == key ? 0 : 1).Chunk(MaxBatch))
        {
            var actions = batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)).ToArray();
            await dossiers.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Destroyed {Count} intake(s) whose retention period had ended.")]
    private static partial void LogDestroyed(ILogger logger, int count);
}
