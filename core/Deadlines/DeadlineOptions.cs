using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Deadlines;

/// <summary>Section "Deadlines": how the runner retries a deadline whose handler failed.</summary>
public sealed class DeadlineOptions : IValidatableObject
{
    public const string Section = "Deadlines";

    /// <summary>How long a runner holds a deadline it is running before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed attempts before a deadline is parked for a person to look at.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lease <= TimeSpan.Zero)
            yield return new ValidationResult("Deadlines:Lease must be positive.");
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
            yield return new ValidationResult("Deadlines:FirstRetryDelay must be positive and at most Deadlines:MaxRetryDelay.");
    }
}

public static class Backoff
{
    /// <summary><paramref name="first"/> doubled for each attempt after the first, at most <paramref name="max"/>.</summary>
    public static TimeSpan Exponential(int attempt, TimeSpan first, TimeSpan max)
    {
        var ticks = first.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
