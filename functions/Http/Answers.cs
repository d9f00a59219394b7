using Microsoft.AspNetCore.Mvc;
using Solidaire.Core.Outcomes;

namespace Solidaire.Functions.Http;

/// <summary>
/// The one mapping from a core outcome to a function's HTTP answer: on success, the given status
/// with <paramref name="body"/> of the value as JSON; on failure, its problem (<see cref="Problems.From"/>).
/// </summary>
public static class Answers
{
    public static IActionResult From<T>(Outcome<T> outcome, int status, Func<T, object> body) =>
        outcome.IsSuccess
            ? new JsonResult(body(outcome.Value)) { StatusCode = status }
            : Problems.From(outcome.Failure);
}
