using Azure.Data.Tables;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Contracts;
using Solidaire.Core.Intake;
using Solidaire.Core.Retention;
using Solidaire.Core.Statistics;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Engagements;

/// <summary>
/// What closing an engagement writes, whoever closes it (its coach, or the follow-up when it lapsed):
/// the engagement closed with its outcome and time, and its intake's retention clock started: the
/// working data is destroyed <paramref name="workingDataDays"/> after closure (§3.12, §3.23), by an
/// intake.destroy deadline (<see cref="Deadlines"/>) written before the change. A referral within the collective puts the intake
/// back in the coordinators' queue instead, to be assigned again.
/// </summary>
public static class EngagementClosing
{
    /// <param name="Deadlines">What the closure starts, to be written before its transaction commits: the working
    /// data's destruction, the signed contract's evidence destruction, and whatever else counts the closure.</param>
    public sealed record Closed(Engagement Engagement, IntakeRow Intake, bool Requeued, IReadOnlyList<Deadline> Deadlines);

    /// <summary>
    /// The deadlines a closure starts (rule 10): the intake's unit destroyed when its working data's time
    /// is up (or, requeued, the unfollowed-intake period), a signed contract's evidence archive
    /// destroyed <see cref="RetentionOptions.EvidenceYears"/> after closure, and the closure's anonymous
    /// count (its outcome, its sessions, its counterpart), last (<see cref="CountOf"/>).
    /// </summary>
    public static IReadOnlyList<Deadline> Deadlines(EngagementState state, string outcome, DateTimeOffset now, RetentionOptions retention, bool requeue)
    {
        var dossier = state.Unit.Dossier.PartitionKey;
        List<Deadline> deadlines =
        [
            Deadline.New(IntakeDestruction.Destroy, now.AddDays(requeue ? retention.IntakeDays : retention.WorkingDataDays), dossier, state.Unit.Id),
        ];
        if (state.Signed is { } signed)
            deadlines.Add(Deadline.New(ContractEvidenceDestruction.Destroy, now.AddYears(retention.EvidenceYears), dossier, signed.ContractId));
        deadlines.Add(StatisticsCounter.NewDeadline(now, StatisticsCells.OfClosure(now, outcome, state.OwnSessions.Count(), state.Signed?.Signature?.Counterpart)));
        return deadlines;
    }

    /// <summary>The closure's statistics deadline among <paramref name="deadlines"/>.</summary>
    public static Deadline CountOf(IReadOnlyList<Deadline> deadlines) => deadlines.Single(d => d.Kind == StatisticsCounter.Count.Name);

    public static Closed Apply(PartitionTransaction transaction, EngagementState state, string outcome, DateTimeOffset now, RetentionOptions retention,
        bool requeue, Action<TableEntity>? more = null)
    {
        var deadlines = Deadlines(state, outcome, now, retention, requeue);
        var destroy = deadlines[0];
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
        return new Closed(state.Engagement with { Status = EngagementStatus.Closed, Outcome = outcome, ClosedAt = now }, intake, requeue, deadlines);
    }
}
