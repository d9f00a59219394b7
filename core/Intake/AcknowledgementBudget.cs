using Microsoft.Extensions.Options;

namespace Solidaire.Core.Intake;

/// <summary>
/// How many acknowledgements this instance may still send (issue 7: the form must not become a
/// mail cannon). The per-address rate limit stops one sender; this stops many senders together.
/// A token bucket of <see cref="IntakeOptions.AcknowledgementsPerHour"/> tokens, refilled evenly
/// over the hour, so a burst can spend the hour's budget at once and then one more token arrives
/// every 3600/N seconds. It is held in memory: each instance of the app has its own budget.
/// </summary>
public sealed class AcknowledgementBudget(IOptions<IntakeOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = options.Value.AcknowledgementsPerHour;
    private DateTimeOffset _updated = time.GetUtcNow();

    /// <summary>Takes one acknowledgement from the budget; false when the hour's budget is spent.</summary>
    public bool TryTake()
    {
        var perHour = (double)options.Value.AcknowledgementsPerHour;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var elapsed = now - _updated;
            if (elapsed > TimeSpan.Zero)
            {
                _tokens = Math.Min(perHour, _tokens + elapsed.TotalHours * perHour);
                _updated = now;
            }
            if (_tokens < 1)
                return false;
            _tokens--;
            return true;
        }
    }
}
