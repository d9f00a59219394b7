using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Retention;

namespace Solidaire.Functions.Retention;

public sealed class RetentionFunctions(RetentionService retention)
{
    /// <summary>Destroys the personal records whose destruction date has come (§3.12, §3.23, §4.11).</summary>
    [Function("PurgeExpired")]
    public Task Purge([TimerTrigger("%PurgeSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.PurgeDueAsync(cancellationToken);
}
