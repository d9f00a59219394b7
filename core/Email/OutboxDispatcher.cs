using Solidaire.Core.Deadlines;

namespace Solidaire.Core.Email;

/// <summary>
/// The DispatchOutbox timer's work: every deadline of the prompt lane that is due (emails a crash
/// kept from the immediate attempt and retries, intake indexing). Sending itself is <see cref="OutboxSender"/>.
/// </summary>
public sealed class OutboxDispatcher(DeadlineRunner runner)
{
    /// <summary>Runs what is due. Returns how many deadlines ran to completion.</summary>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken) =>
        runner.RunDueAsync(DeadlineLane.Prompt, cancellationToken);
}
