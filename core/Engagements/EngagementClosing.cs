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
/// intake.destroy deadline written before the change. A referral within the collective puts the intake
/// back in the coordinators' queue instead, to be assigned again.
/// </summary>
public static class EngagementClosing
{
    public sealed record Closed(Engagement Engagement, IntakeRow Intake, Deadline Destroy, bool Requeued);

    public static Closed Apply(PartitionTransaction transaction, EngagementState state, string outcome, DateTimeOffset now, int workingDataDays, int intakeDays,
        bool requeue, Action<TableEntity>? more = null)
    {
        var row = new TableEntity(state.Row)
        {
            [nameof(Engagement.Status)] = EngagementStatus.Closed,
            [Engagements.OutcomeColumn] = outcome,
            [Engagements.ClosedAtColumn] = now,
        };
        more?.Invoke(row);
        transaction.Replace(row, state.Row.ETag);
        var intake = requeue
            ? state.Intake with { Status = IntakeStatus.New, DestroyAt = now.AddDays(intakeDays) }
            : state.Intake with { DestroyAt = now.AddDays(workingDataDays) };
        transaction.Replace(Triage.Rewrite(state.IntakeEntity, intake), state.IntakeEntity.ETag);
        var destroy = Deadline.New(IntakeDestruction.Destroy, intake.DestroyAt, state.Unit.Dossier.PartitionKey, state.Unit.Id);
        return new Closed(state.Engagement with { Status = EngagementStatus.Closed }, intake, destroy, requeue);
    }
}
