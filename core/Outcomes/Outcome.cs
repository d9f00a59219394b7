using System.Diagnostics.CodeAnalysis;

namespace Solidaire.Core.Outcomes;

/// <summary>Why an operation did not succeed. <see cref="Code"/> is the stable problem code clients see.</summary>
public sealed record Failure(FailureKind Kind, string Code, string Title, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What is missing for the operation to succeed (e.g. a coach's requirements): a "missing" member of the problem.</summary>
    public IReadOnlyList<string>? Missing { get; init; }

    /// <summary>The ways on that remain when a limit is reached (the charter's 4 sessions: a classic contract or a referral, §3.23): an "alternatives" member of the problem.</summary>
    public IReadOnlyList<string>? Alternatives { get; init; }

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(FailureKind.Invalid, "validation_failed", "The request has invalid fields.", errors);

    /// <summary>Table Storage did not answer: the client may try again shortly.</summary>
    public static Failure StorageUnavailable { get; } =
        new(FailureKind.Unavailable, "storage_unavailable", "Storage is not available right now. Please try again in a moment.")
        {
            RetryAfter = TimeSpan.FromSeconds(10),
        };
}

public enum FailureKind
{
    Invalid,
    NotFound,
    Conflict,
    Unprocessable,
    TooManyRequests,
    Unavailable,
    Malformed,
    UnsupportedMediaType,
    PayloadTooLarge,
    Unauthorized,
    Forbidden,
    Gone,
}

/// <summary>The result of an operation: a value, or a <see cref="Failure"/> that is an expected outcome, not an exception.</summary>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, Failure? failure) => (Value, Failure) = (value, failure);

    public T? Value { get; }
    public Failure? Failure { get; }
    /// <summary>True: <see cref="Value"/> is set; false: <see cref="Failure"/> is. Callers need no <c>!</c> after checking it.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    public static Outcome<T> Ok(T value) => new(value, null);
    public static Outcome<T> Fail(Failure failure) => new(default, failure);

    public static implicit operator Outcome<T>(Failure failure) => Fail(failure);
}
