using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Email;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;
using Solidaire.Core.Work;

namespace Solidaire.Core.Intake;

/// <summary>What the client is told: the reference of their request.</summary>
public sealed record IntakeReceipt(string Reference);

/// <summary>
/// Receives a request for help (rules 1, 2, 11). On the request path it costs two storage round
/// trips: the dispatch work row (recorded first, so no email can be lost), then one entity-group
/// transaction in the client's dossier partition holding the intake, its data key, its duplicate
/// markers and its emails. Everything else (queue index, deadlines, sending) follows the answer.
/// </summary>
public sealed partial class IntakeService(
    Tables tables,
    PersonalDataProtector protector,
    CrisisSignals crisisSignals,
    DispatchQueue dispatchQueue,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<RetentionOptions> retentionOptions,
    IOptions<StaffOptions> staffOptions,
    TimeProvider time,
    ILogger<IntakeService> logger)
{
    private const int MaxAttempts = 4;

    public async Task<Outcome<IntakeReceipt>> SubmitAsync(IntakeForm form, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (LooksAutomated(form))
        {
            // Answered like a real request so a robot learns nothing; stored nowhere, sends nothing.
            LogDiscarded(logger);
            return Outcome<IntakeReceipt>.Ok(new IntakeReceipt(Reference.Display(Reference.New())));
        }

        var now = time.GetUtcNow();
        var partition = "c" + protector.LookupHash("email", IntakeForm.NormalizeEmail(form.Email));
        var fingerprint = protector.LookupHash("intake-request", Canonical(form));
        var contentMarker = DossierRows.ContentMarker(protector.LookupHash("situation", form.Situation));
        var idempotencyMarker = idempotencyKey is null ? null : DossierRows.IdempotencyMarker(protector.LookupHash("idempotency-key", idempotencyKey));
        var intakeId = Reference.New();
        var urgent = crisisSignals.AreIn(form.Situation);
        var destroyAt = now.AddDays(retentionOptions.Value.IntakeDays);

        var (key, wrappedKey) = protector.NewDataKey(DossierRows.KeyOwner(partition, intakeId));
        List<TableTransactionAction> actions;
        using (key)
            actions = NewDossierRows(form, partition, intakeId, key, wrappedKey, urgent, fingerprint, contentMarker, idempotencyMarker, now, destroyAt);

        var dispatch = new DispatchRequest(
            WorkItems.Partition(WorkItems.Dispatch, now), partition, intakeId, IntakeForm.RoleName(form.Role), form.HasPriority, urgent, now, destroyAt);
        await tables.Get(Tables.Work).AddEntityAsync(dispatch.ToEntity(), cancellationToken).ConfigureAwait(false);

        var dossiers = tables.Get(Tables.Dossiers);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await dossiers.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                dispatchQueue.Enqueue(dispatch);
                LogReceived(logger, urgent, form.HasPriority);
                return Outcome<IntakeReceipt>.Ok(new IntakeReceipt(Reference.Display(intakeId)));
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                var earlier = await ReadMarkersAsync(partition, idempotencyMarker, contentMarker, cancellationToken).ConfigureAwait(false);
                if (idempotencyMarker is not null && earlier.TryGetValue(idempotencyMarker, out var byKey))
                {
                    return byKey.GetString("Fingerprint") == fingerprint
                        ? Outcome<IntakeReceipt>.Ok(new IntakeReceipt(Reference.Display(byKey.GetString("IntakeId"))))
                        : new Failure(FailureKind.Unprocessable, "idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
                }
                if (earlier.TryGetValue(contentMarker, out var byContent))
                {
                    var age = now - (byContent.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
                    if (age < TimeSpan.FromMinutes(intakeOptions.Value.DuplicateWindowMinutes))
                        return Outcome<IntakeReceipt>.Ok(new IntakeReceipt(Reference.Display(byContent.GetString("IntakeId"))));
                    // The same words long enough ago: a new request. Take the marker over, guarded by its ETag.
                    ReplaceMarker(actions, byContent.ETag);
                }
                else
                {
                    ReplaceMarker(actions, null);
                }
            }
        }
        return new Failure(FailureKind.Conflict, "intake_conflict", "The request collided with another one; please send it again.");
    }

    private bool LooksAutomated(IntakeForm form) =>
        !string.IsNullOrEmpty(form.Honeypot)
        || form.FormDuration < TimeSpan.FromSeconds(intakeOptions.Value.MinimumFormSeconds);

    private List<TableTransactionAction> NewDossierRows(
        IntakeForm form, string partition, string intakeId, DataKey key, string wrappedKey, bool urgent,
        string fingerprint, string contentMarker, string? idempotencyMarker, DateTimeOffset now, DateTimeOffset destroyAt)
    {
        var intakeRow = DossierRows.Intake(intakeId);
        string? Seal(string? value, string field) => protector.Seal(key, value, DossierRows.FieldContext(partition, intakeRow, field));
        var actions = new List<TableTransactionAction>
        {
            // The intake row holds the dates; this row is only the key, deleted with it.
            new(TableTransactionActionType.Add, new TableEntity(partition, DossierRows.DataKey(intakeId)) { ["WrappedKey"] = wrappedKey }),
            new(TableTransactionActionType.Add, new TableEntity(partition, intakeRow)
            {
                ["Status"] = "new",
                ["Role"] = IntakeForm.RoleName(form.Role),
                ["HasPriority"] = form.HasPriority,
                ["Urgent"] = urgent,
                ["PreferredLanguage"] = form.PreferredLanguage,
                ["CreatedAt"] = now,
                ["DestroyAt"] = destroyAt,
                ["FirstName"] = Seal(form.FirstName, "FirstName"),
                ["LastName"] = Seal(form.LastName, "LastName"),
                ["Email"] = Seal(form.Email, "Email"),
                ["Phone"] = Seal(form.Phone, "Phone"),
                ["Organisation"] = Seal(form.Organisation, "Organisation"),
                ["Situation"] = Seal(form.Situation, "Situation"),
                ["Availability"] = Seal(form.Availability, "Availability"),
            }),
            new(TableTransactionActionType.Add, Marker(partition, contentMarker, intakeId, fingerprint, now)),
        };
        if (idempotencyMarker is not null)
            actions.Add(new(TableTransactionActionType.Add, Marker(partition, idempotencyMarker, intakeId, fingerprint, now)));

        var reference = Reference.Display(intakeId);
        var acknowledgement = EmailTemplates.IntakeAcknowledgement(form.PreferredLanguage, form.FirstName, reference, retentionOptions.Value.IntakeDays);
        actions.Add(new(TableTransactionActionType.Add, Outbox.NewRow(protector, key, partition, intakeId, "acknowledgement", form.Email, acknowledgement, now)));
        var staff = staffOptions.Value;
        var notice = EmailTemplates.CoordinatorNotice(staff.Language, reference, urgent, form.Role);
        foreach (var coordinator in staff.Coordinators)
            actions.Add(new(TableTransactionActionType.Add, Outbox.NewRow(protector, key, partition, intakeId, urgent ? "coordinator-alert" : "coordinator-notice", coordinator, notice, now)));
        return actions;
    }

    private static TableEntity Marker(string partition, string rowKey, string intakeId, string fingerprint, DateTimeOffset now) =>
        new(partition, rowKey)
        {
            ["IntakeId"] = intakeId,
            ["Fingerprint"] = fingerprint,
            ["CreatedAt"] = now,
        };

    /// <summary>The content marker's action becomes an ETag-guarded replace of a stale marker, or an add again.</summary>
    private static void ReplaceMarker(List<TableTransactionAction> actions, ETag? staleETag)
    {
        var index = actions.FindIndex(a => a.Entity.RowKey.StartsWith("dedup|content|", StringComparison.Ordinal));
        var entity = actions[index].Entity;
        actions[index] = staleETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    private async Task<Dictionary<string, TableEntity>> ReadMarkersAsync(string partition, string? idempotencyMarker, string contentMarker, CancellationToken cancellationToken)
    {
        var filter = idempotencyMarker is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey eq {contentMarker}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {contentMarker} or RowKey eq {idempotencyMarker})");
        var found = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var e in tables.Get(Tables.Dossiers).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            found[e.RowKey] = e;
        return found;
    }

    /// <summary>What makes two requests "the same request" for an Idempotency-Key.</summary>
    private static string Canonical(IntakeForm f) => new StringBuilder()
        .Append(f.FirstName).Append('\n').Append(f.LastName).Append('\n').Append(IntakeForm.NormalizeEmail(f.Email)).Append('\n')
        .Append(f.Phone).Append('\n').Append(f.Role).Append('\n').Append(f.Organisation).Append('\n').Append(f.Situation).Append('\n')
        .Append(f.PreferredLanguage).Append('\n').Append(f.Availability)
        .ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake received (urgent: {Urgent}, priority: {Priority}).")]
    private static partial void LogReceived(ILogger logger, bool urgent, bool priority);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake discarded as automated (honeypot or too fast).")]
    private static partial void LogDiscarded(ILogger logger);
}
