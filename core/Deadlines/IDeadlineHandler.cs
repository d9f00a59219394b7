namespace Solidaire.Core.Deadlines;

/// <summary>What a handler says of a deadline it ran.</summary>
public abstract record DeadlineResult
{
    public static readonly DeadlineResult Done = new Completed();

    public static DeadlineResult Later(DateTimeOffset due) => new Rescheduled(due);

    /// <summary>Nothing more to do: the deadline is deleted.</summary>
    public sealed record Completed : DeadlineResult;

    /// <summary>Run again at <see cref="Due"/> (the record's own date moved, or its work waits for a retry time).</summary>
    public sealed record Rescheduled(DateTimeOffset Due) : DeadlineResult;
}

/// <summary>
/// Runs the deadlines of one kind. A handler re-reads the record it concerns and re-checks its own
/// date, so it is right however late, or how often, it runs (at least once, never two at a time).
/// Throwing means "try again later": the runner backs off, and parks the deadline after a set number of attempts.
/// </summary>
public interface IDeadlineHandler
{
    DeadlineKind Kind { get; }

    Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken);
}

/// <summary>
/// A deadline that is only a record ("this link was used", "a link was emailed in this window"): written
/// once (its id is derived from what it records, so a second write is refused), it has nothing to do when
/// due but end, and with it the record.
/// </summary>
public sealed class RecordDeadline(DeadlineKind kind) : IDeadlineHandler
{
    public DeadlineKind Kind => kind;

    public Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken) => Task.FromResult(DeadlineResult.Done);
}
