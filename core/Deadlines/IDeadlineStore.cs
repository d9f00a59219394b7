namespace Solidaire.Core.Deadlines;

/// <summary>What becomes of a deadline that ran (or was held): deleted, moved to a new due time, or parked.</summary>
public abstract record Settlement(Deadline Deadline)
{
    public sealed record Complete(Deadline Deadline) : Settlement(Deadline);

    public sealed record Move(Deadline Deadline, Deadline To, string? Error = null) : Settlement(Deadline);

    public sealed record Park(Deadline Deadline, string Error) : Settlement(Deadline);

    public static Settlement Of(Deadline deadline, DeadlineResult result) => result switch
    {
        DeadlineResult.Rescheduled r => new Move(deadline, deadline.MovedTo(r.Due, deadline.Attempt)),
        _ => new Complete(deadline),
    };
}

/// <summary>The durable deadlines. Every write is one transaction of at most 100 actions.</summary>
public interface IDeadlineStore
{
    /// <summary>Writes new deadlines (those one request starts: one round trip).</summary>
    Task ScheduleAsync(IReadOnlyList<Deadline> deadlines, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one deadline whose id the caller derived from what must happen once (a token's id):
    /// false when it is already there. The deadline is then both the record that it happened and
    /// the timer that forgets it.
    /// </summary>
    Task<bool> ScheduleOnceAsync(Deadline deadline, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ScheduleOnceAsync(Deadline, CancellationToken)"/>, with <paramref name="with"/> written in the
    /// same transaction: all of them when <paramref name="deadline"/> is new, none when it was there.
    /// </summary>
    Task<bool> ScheduleOnceAsync(Deadline deadline, IReadOnlyList<Deadline> with, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="max"/> deadlines of <paramref name="lane"/> due at <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<Deadline>> ReadDueAsync(DeadlineLane lane, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the deadlines for this runner by moving them to <paramref name="until"/>, out of every
    /// other runner's due range; returns those it took (moved), leaving out any another runner took first.
    /// </summary>
    Task<IReadOnlyList<Deadline>> ClaimAsync(IReadOnlyList<Deadline> due, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Applies settlements of deadlines this runner holds; one that another runner has taken over since is left to it.</summary>
    Task SettleAsync(IReadOnlyList<Settlement> settlements, CancellationToken cancellationToken);
}
