using System.Reflection;
using Microsoft.AspNetCore.Http;
using Solidaire.Core.Contracts;
using Solidaire.Core.Engagements;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Sessions;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.OpenApi;

/// <summary>
/// A problem code the app can answer, with the HTTP status it comes with (<see cref="Problems.StatusFor"/>), its
/// title where it is fixed (null where it depends on a value or a setting) and whether it says when to try again.
/// </summary>
public sealed record ProblemCode(string Code, int Status, string? Title, bool RetryAfter);

/// <summary>
/// Every problem code the code defines, read from the definitions themselves: each static
/// <see cref="Failure"/> or <see cref="ProblemResult"/> field or property of the core and functions
/// assemblies, and what the factories that need an argument make. Nothing here is typed twice: a
/// new failure is known the moment it is declared.
/// </summary>
public static class ProblemCatalog
{
    private const BindingFlags Statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyDictionary<string, ProblemCode> Known { get; } = Build();

    /// <summary>The problem <paramref name="code"/> stands for; an unknown code is a defect of the caller.</summary>
    public static ProblemCode Of(string code) =>
        Known.TryGetValue(code, out var known) ? known : throw new InvalidOperationException($"No failure in the code has the problem code {code}.");

    /// <summary>The problems factories make whose title does not depend on their argument.</summary>
    private static IEnumerable<ProblemResult> Made() =>
    [
        Problems.From(Failure.Invalid(new Dictionary<string, string[]>())),
        Problems.From(Triage.NotAssignable([])),
        Problems.From(HttpFunctionGate.RateLimited(TimeSpan.Zero)),
        Problems.NotFound(),
        Problems.MethodNotAllowed([]),
        Problems.Unauthorized(),
        Problems.Forbidden(),
        Problems.CrossOrigin(),
        Problems.BadRequest(StatusCodes.Status400BadRequest),
        Problems.BadRequest(StatusCodes.Status408RequestTimeout),
        Problems.BadRequest(StatusCodes.Status413PayloadTooLarge),
        Problems.Unexpected(""),
    ];

    /// <summary>The problems whose title states a value or a setting: known by code and status, their title left out.</summary>
    private static IEnumerable<ProblemResult> MadeWithValues() =>
    [
        Problems.From(Signature.AmountAboveMaximum(0)),
        Problems.From(SessionService.LimitReached(0)),
        Problems.From(SessionService.TooClose(0)),
        Problems.From(SessionService.TooFarAhead(0)),
        Problems.From(JsonRequestReader.TooLarge(0)),
    ];

    private static Dictionary<string, ProblemCode> Build()
    {
        var declared = new[] { typeof(Failure).Assembly, typeof(Problems).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(Statics).Where(f => f.FieldType == typeof(Failure) || f.FieldType == typeof(ProblemResult)).Select(f => f.GetValue(null)))
            .Select(v => v is Failure f ? Problems.From(f) : (ProblemResult)v!);
        var known = new Dictionary<string, ProblemCode>(StringComparer.Ordinal);
        foreach (var (problem, fixedTitle) in declared.Concat(Made()).Select(p => (p, true)).Concat(MadeWithValues().Select(p => (p, false))))
        {
            if (known.TryGetValue(problem.Code, out var seen) && seen.Status != problem.Status)
                throw new InvalidOperationException($"The problem code {problem.Code} comes with two statuses, {seen.Status} and {problem.Status}.");
            known.TryAdd(problem.Code, new ProblemCode(problem.Code, problem.Status, fixedTitle ? problem.Title : null, problem.RetryAfter is not null));
        }
        return known;
    }
}
