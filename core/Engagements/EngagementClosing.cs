using Azure.Data.Tables;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Engagements;

/// <summary>
/// What closing an engagement writes, whoever closes it (its coach, or the follow-up when it lapsed):
/// the engagement closed with its outcome and time, and its intake's retention clock started: the
/// working data is destroyed <paramref name="workingDataDays"/> after closure (§3.12, §3.23), by an
/// intake.destroy deadline (<see cref="Destroy"/>) written before the change. A referral within the collective puts the intake
/// back in the coordinators' queue instead, to be assigned again.
/// </summary>
public static class EngagementClosing
{
    public sealed record Closed(Engagement Engagement, IntakeRow Intake, bool Requeued);

    /// <summary>The deadline that destroys the intake's unit once its retention after this closure ends: written before the change.</summary>
    public static Deadline Destroy(RetentionUnit unit, DateTimeOffset now, int workingDataDays, int intakeDays, bool requeue) =>
        Deadline.New(IntakeDestruction.Destroy, now.AddDays(requeue ? intakeDays : workingDataDays), unit.Dossier.PartitionKey, unit.Id);

    public static Closed Apply(PartitionTransaction transaction, EngagementState state, string outcome, DateTimeOffset now, Deadline destroy,
        bool requeue, Action<TableEntity>? more = null)
    {
        var row = new TableEntity(state.Row)
        {
            [nameof(Engagement.Status)] = EngagementStatus.Closed,
            [nameof(Engagement.Outcome)] = outcome,
            [nameof(Engagement.ClosedAt)] = now,
        };
        more?.Invoke(row);
        transaction.Replace(row, state.Row.ETag);
        var intake = requeue
            ? state.Intake with { Status = IntakeStatus.New, DestroyAt = destroy.Due }
            : state.Intake with { DestroyAt = destroy.Due };
        transaction.Replace(Triage.Rewrite(state.IntakeEntity, intake), state.IntakeEntity.ETag);
        return new Closed(state.Engagement with { Status = EngagementStatus.Closed, Outcome = outcome, ClosedAt = now }, intake, requeue);
    }
}
