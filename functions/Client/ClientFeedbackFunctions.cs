using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Feedback;
using Solidaire.Core.Tokens;
using Solidaire.Functions.Http;
using Solidaire.Functions.Staff;

namespace Solidaire.Functions.Client;

/// <summary>
/// The client's feedback (issue 10, §5.9): no account, the thank-you's link token in
/// "Authorization: Bearer", checked before anything else is read.
/// </summary>
public sealed class ClientFeedbackFunctions(ClientLinkRequests links, FeedbackService feedback)
{
    [Function("ClientFeedbackLink")]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "client/feedback")] HttpRequest request, CancellationToken cancellationToken) =>
        Answers.From(await feedback.ReadAsync(StaffFunctions.BearerToken(request), cancellationToken), StatusCodes.Status200OK,
            s => new { status = s.Status, language = s.Language, expiresAt = s.ExpiresAt });

    [Function("ClientFeedback")]
    public Task<IActionResult> Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "client/feedback")] HttpRequest request, CancellationToken cancellationToken) =>
        links.PostAsync(request, TokenPurpose.FeedbackLink, FeedbackForm.Parse, (token, form) => feedback.AnswerAsync(token, form, cancellationToken),
            StatusCodes.Status201Created, r => new { listened = r.Listened, steppedBack = r.SteppedBack, wouldRecommend = r.WouldRecommend }, cancellationToken);
}
