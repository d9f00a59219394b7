using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Intake;

/// <summary>What identifies a request as a repeat: its markers in the client's dossier.</summary>
public sealed record IntakeRequest(DossierId Dossier, string Fingerprint, string ContentMarker, string? IdempotencyMarker, TimeSpan DuplicateWindow, DateTimeOffset Now)
{
    public IReadOnlyList<RowSelector> Markers =>
        IdempotencyMarker is null ? [new RowSelector.Exact(ContentMarker)] : [new RowSelector.Exact(ContentMarker), new RowSelector.Exact(IdempotencyMarker)];
}

/// <summary>A new intake's rows, built once and committed as they are.</summary>
public sealed record NewIntake(IntakeRow Intake, TableEntity DataKey, TableEntity Row, ChangeEmails Emails);

/// <summary>The intake the client is told about: a new one, or the one a repeat of the request made.</summary>
public sealed record SubmittedIntake(string IntakeId, bool IsNew);

/// <summary>
/// The duplicate rule, pure: the same Idempotency-Key returns the first answer (or is refused for
/// another body); the same words from the same person within the window return the first answer;
/// otherwise the intake is new, and its markers are written with it in one transaction.
/// </summary>
public static class IntakeDeduplication
{
    public static readonly Failure KeyReused = new(FailureKind.Unprocessable, "idempotency_key_reused", "This Idempotency-Key was already used for a different request.");

    public static Decision<SubmittedIntake> Decide(DossierSnapshot markers, IntakeRequest request, NewIntake draft)
    {
        if (request.IdempotencyMarker is { } idempotency && markers.Find(idempotency) is { } byKey)
        {
            return byKey.GetString(IntakeMarker.Fingerprint) == request.Fingerprint
                ? new Decision<SubmittedIntake>.Answer(Outcome<SubmittedIntake>.Ok(new SubmittedIntake(byKey.GetString(IntakeMarker.IntakeId), IsNew: false)))
                : KeyReused;
        }
        var byContent = markers.Find(request.ContentMarker);
        if (byContent is not null && request.Now - (byContent.GetDateTimeOffset(IntakeMarker.CreatedAt) ?? DateTimeOffset.MinValue) < request.DuplicateWindow)
            return new Decision<SubmittedIntake>.Answer(Outcome<SubmittedIntake>.Ok(new SubmittedIntake(byContent.GetString(IntakeMarker.IntakeId), IsNew: false)));

        var intakeId = draft.Intake.IntakeId;
        var transaction = new PartitionTransaction(request.Dossier.PartitionKey)
            .Add(draft.DataKey)
            .Add(draft.Row);
        var contentMarker = IntakeMarker.New(request.Dossier, request.ContentMarker, intakeId, request.Fingerprint, request.Now);
        // The same words long enough ago: a new request, which takes the old marker over (guarded by its ETag).
        if (byContent is null)
            transaction.Add(contentMarker);
        else
            transaction.Replace(contentMarker, byContent.ETag);
        if (request.IdempotencyMarker is { } key)
            transaction.Add(IntakeMarker.New(request.Dossier, key, intakeId, request.Fingerprint, request.Now));
        draft.Emails.AppendTo(transaction);

        return new Decision<SubmittedIntake>.Commit(transaction, receipt =>
        {
            // The emails are sent from memory next: they carry the ETags the commit gave them.
            draft.Emails.Committed(receipt);
            return new SubmittedIntake(intakeId, IsNew: true);
        });
    }
}
