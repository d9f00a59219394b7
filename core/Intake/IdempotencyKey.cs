using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Intake;

/// <summary>
/// The Idempotency-Key header of a request for help: the same key again returns the first answer
/// (README, "Duplicates"). Absent or empty, the client sent none; otherwise it must be 1 to 200
/// visible ASCII characters.
/// </summary>
/// <remarks>
/// A struct rather than a nullable string, so that a success always has a value and "no key" is
/// said by <see cref="Text"/> being null.
/// </remarks>
public readonly record struct IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    private IdempotencyKey(string text) => Text = text;

    /// <summary>The key as the client sent it; null when they sent none.</summary>
    public string? Text { get; }

    public static Outcome<IdempotencyKey> Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
            return Outcome<IdempotencyKey>.Ok(default);
        if (header.Length > MaxLength || header.Any(c => c is < '!' or > '~'))
            return Failure.Invalid(new Dictionary<string, string[]> { [Header] = [$"Must be 1 to {MaxLength} visible ASCII characters."] });
        return Outcome<IdempotencyKey>.Ok(new IdempotencyKey(header));
    }
}
