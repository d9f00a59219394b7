using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Erasure;
using Solidaire.Functions.Http;
using Solidaire.Functions.Staff;

namespace Solidaire.Functions.Erasure;

/// <summary>
/// Erasure on request (GDPR Art. 17, issue 11): anyone asks with an address (anonymous, limited per
/// IP); the emailed link's token in "Authorization: Bearer" shows, then confirms, the erasure.
/// </summary>
public sealed class ErasureFunctions(JsonRequestReader reader, ErasureService erasure)
{
    [Function("RequestErasure")]
    public async Task<IActionResult> Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "erasure-requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await reader.ReadObjectAsync(request, cancellationToken);
        if (!body.IsSuccess)
            return Problems.From(body.Failure);
        using var document = body.Value;
        var form = ErasureRequestForm.Parse(document.RootElement);
        if (!form.IsSuccess)
            return Problems.From(form.Failure);
        // The same answer, at once, known address or not: the look-up and the email come after it.
        erasure.RequestLink(form.Value);
        return new JsonResult(new { status = "accepted" }) { StatusCode = StatusCodes.Status202Accepted };
    }

    [Function("ClientErasurePreview")]
    public async Task<IActionResult> Preview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "client/erasure")] HttpRequest request, CancellationToken cancellationToken) =>
        Answers.From(await erasure.PreviewAsync(StaffFunctions.BearerToken(request), cancellationToken), StatusCodes.Status200OK, p => new
        {
            status = "ready",
            language = p.Language,
            expiresAt = p.ExpiresAt,
            destroyed = ErasureViews.Counts(p.Destroyed),
            kept = ErasureViews.Kept(p.Kept),
            openEngagements = p.OpenEngagements,
        });

    [Function("ClientErasure")]
    public async Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "client/erasure")] HttpRequest request, CancellationToken cancellationToken)
    {
        var answer = await erasure.EraseAsync(StaffFunctions.BearerToken(request), cancellationToken);
        if (answer.IsSuccess && answer.Value.Result is null)
            return new JsonResult(new { status = answer.Value.Status }) { StatusCode = StatusCodes.Status202Accepted };
        return Answers.From(answer, StatusCodes.Status200OK, a => new
        {
            status = a.Status,
            destroyed = ErasureViews.Counts(a.Result!.Destroyed),
            kept = ErasureViews.Kept(a.Result.Kept),
        });
    }
}

/// <summary>How an erasure's counts and kept contracts are spelt in the API.</summary>
public static class ErasureViews
{
    public static object Counts(ErasureCounts c) => new
    {
        requests = c.Requests,
        engagements = c.Engagements,
        sessions = c.Sessions,
        feedbackAnswers = c.FeedbackAnswers,
        emails = c.Emails,
        unsignedContracts = c.UnsignedContracts,
        accessRecords = c.AccessRecords,
    };

    /// <summary>Each signed contract kept: until when (null while its support is open: the evidence period runs from its end), and why.</summary>
    public static object Kept(IReadOnlyList<KeptContract> kept) => kept.Select(k => new
    {
        reference = k.Reference,
        signedAt = k.SignedAt,
        keptUntil = k.KeptUntil,
        reason = "gdpr_art_17_3_e",
    }).ToArray();
}
