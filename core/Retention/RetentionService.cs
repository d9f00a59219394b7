using Solidaire.Core.Deadlines;

namespace Solidaire.Core.Retention;

/// <summary>
/// The PurgeExpired timer's work (rule 10; §3.12, §3.23, §4.11): every destruction deadline that is
/// due. Each record got its deadline in the request that made it; each kind of record has its own
/// handler, which re-checks the record's own date and destroys its retention unit (data key first).
/// </summary>
public sealed class RetentionService(DeadlineRunner runner)
{
    /// <summary>Runs the destruction deadlines that are due. Returns how many ran to completion.</summary>
    public Task<int> PurgeDueAsync(CancellationToken cancellationToken) =>
        runner.RunDueAsync(DeadlineLane.Retention, cancellationToken);
}
