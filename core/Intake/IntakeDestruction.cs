using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Solidaire.Core.Contracts;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Intake;

/// <summary>
/// Destroys an intake whose retention ended (rule 10; §3.12, §3.23, §4.11): an unfollowed intake 90
/// days after its last change, an engagement's working data 180 days after closure. Its data key goes
/// first (crypto-shredding: any copy of its sealed fields, anywhere, is now unreadable), with every row
/// of its working data: the intake, its emails, its duplicate markers, its engagements, sessions and
/// feedback, and the contracts that were never signed (a signed one is evidence, with its own date).
/// Then it is taken off the coordinators' queue. A record whose own date moved later is kept, and
/// its deadline moves to that date; one whose clock is stopped (an engagement is open) is left to
/// whatever restarts it (closure, refusal), which writes a new deadline.
/// </summary>
public sealed partial class IntakeDestruction(IDossierStore dossiers, IntakeQueue queue, Engagements.EngagementIndex index, DestructionLog log, TimeProvider time, ILogger<IntakeDestruction> logger) : IDeadlineHandler
{
    /// <summary>"Destroy this intake when its time comes": subject = the intake id (its retention unit).</summary>
    public static readonly DeadlineKind Destroy = new("intake.destroy", DeadlineLane.Retention);

    public DeadlineKind Kind => Destroy;

    /// <summary>
    /// Table Storage requests of one unfollowed intake destroyed, at most, on top of its deadline run's
    /// page (asserted in the integration tests, printed by the benchmark): the dossier read, its rows
    /// shredded in one transaction, its queue entry removed, the destruction logged.
    /// </summary>
    public const int RoundTrips = 4;

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(DossierId.Parse(deadline.Dossier), deadline.Subject);
        // The whole dossier in one read: one client's rows, a few dozen; its contracts say which engagement they belong to.
        var dossier = await dossiers.LoadAsync(unit.Dossier, [], cancellationToken).ConfigureAwait(false);
        var intakeKey = DossierKeys.Intake(unit.Id);
        var intake = dossier.Find(intakeKey) is { } row ? IntakeRow.From(row) : null;
        if (intake is not null && intake.DestroyAt == DateTimeOffset.MaxValue)
            return DeadlineResult.Done;
        if (intake is not null && intake.DestroyAt > time.GetUtcNow())
            return DeadlineResult.Later(intake.DestroyAt);

        var followed = dossier.WithPrefix(Engagements.Engagement.PrefixOf(unit.Id)).Any();
        var shredded = await DestroyWorkingDataAsync(dossier, unit.Id, cancellationToken).ConfigureAwait(false);
        if (!shredded.Complete)
            return DeadlineResult.Later(time.GetUtcNow()); // it changed meanwhile: look again
        if (shredded.Rows > 0)
        {
            await log.RecordAsync(followed ? DestructionKinds.WorkingData : DestructionKinds.UnfollowedIntake, shredded.Rows, shredded.Keys, cancellationToken).ConfigureAwait(false);
            LogDestroyed(logger);
        }
        return DeadlineResult.Done;
    }

    /// <summary>
    /// Destroys an intake's working data (<see cref="WorkingData"/>) from a snapshot of its whole
    /// dossier, whatever its date (the handler checks the date; an erasure has none), then takes it
    /// off the coordinators' queue and its engagements off their coaches' lists. Not complete when a
    /// row changed meanwhile: what is left is unreadable already, and a new read finishes it.
    /// </summary>
    public async Task<Shredder.Shredded> DestroyWorkingDataAsync(DossierSnapshot dossier, string intakeId, CancellationToken cancellationToken)
    {
        var intakeKey = DossierKeys.Intake(intakeId);
        var intake = dossier.Find(intakeKey) is { } row ? IntakeRow.From(row) : null;
        var engagements = dossier.WithPrefix(Engagements.Engagement.PrefixOf(intakeId)).Select(Engagements.Engagement.From).ToArray();
        var shredded = await Shredder.DestroyAsync(dossiers, dossier.Dossier, WorkingData(dossier, intakeId), intakeKey, cancellationToken).ConfigureAwait(false);
        if (!shredded.Complete)
            return shredded;
        if (intake is not null)
            await queue.RemoveAsync(intake, cancellationToken).ConfigureAwait(false);
        else if (shredded.Rows > 0)
            await queue.RemoveAsync(intakeId, cancellationToken).ConfigureAwait(false); // a destruction resumed: its intake row went first
        await index.RemoveAsync(dossier.Dossier, engagements, cancellationToken).ConfigureAwait(false);
        return shredded;
    }

    /// <summary>
    /// Every row of an intake's working data in a snapshot of its whole dossier: the intake's unit
    /// (key, intake, emails, markers, engagements, sessions, feedback) and the unsigned contracts of its
    /// engagements, each with its own key, events and emails. Signed contracts and the access log are
    /// not working data: they have their own dates.
    /// </summary>
    public static IReadOnlyList<TableEntity> WorkingData(DossierSnapshot dossier, string intakeId)
    {
        var unit = new RetentionUnit(dossier.Dossier, intakeId);
        var prefixes = new List<string>
        {
            DossierKeys.OutboxPrefix(intakeId),
            Engagements.Engagement.PrefixOf(intakeId),
            Sessions.StoredSession.PrefixOf(intakeId),
            Feedback.FeedbackAnswer.PrefixOf(intakeId),
        };
        var exact = new HashSet<string>(StringComparer.Ordinal) { unit.DataKeyRow, DossierKeys.Intake(intakeId) };
        foreach (var contract in dossier.WithPrefix(StoredContract.Prefix))
        {
            if (contract.GetString(nameof(StoredContract.EngagementRowKey))?.StartsWith(Engagements.Engagement.PrefixOf(intakeId), StringComparison.Ordinal) != true
                || contract.GetString(nameof(StoredContract.Status)) == ContractStatus.Signed)
                continue;
            var contractId = contract.RowKey[StoredContract.Prefix.Length..];
            exact.Add(contract.RowKey);
            exact.Add(DossierKeys.DataKey(contractId));
            prefixes.Add(StoredContract.EventPrefixOf(contractId));
            prefixes.Add(DossierKeys.OutboxPrefix(contractId));
        }
        var marker = IntakeMarker.Of(intakeId);
        return dossier.Rows
            .Where(r => exact.Contains(r.RowKey)
                        || prefixes.Any(p => r.RowKey.StartsWith(p, StringComparison.Ordinal))
                        || marker.Matches(r))
            .ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An intake whose retention period had ended was destroyed.")]
    private static partial void LogDestroyed(ILogger logger);
}
