using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Email;

namespace Solidaire.Functions.Email;

public sealed class OutboxFunctions(OutboxDispatcher dispatcher)
{
    /// <summary>Sends every email whose time has come: new ones a crash kept from the immediate attempt, and retries.</summary>
    [Function("DispatchOutbox")]
    public Task Dispatch([TimerTrigger("%OutboxSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchDueAsync(cancellationToken);
}
