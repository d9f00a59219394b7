using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Feedback;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>Clients' feedback put together (issue 10, §5.9): a coach's own, the collective's for coordinators.</summary>
public sealed partial class StaffFunctions
{
    [Function("StaffFeedback")]
    public Task<IActionResult> Feedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/feedback")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await feedback.OverviewAsync(actor, cancellationToken), StatusCodes.Status200OK, o => new
            {
                minimumAnswers = FeedbackService.MinimumAnswers,
                mine = Aggregate(o.Mine),
                comments = o.Comments,
                collective = Aggregate(o.Collective),
            }), cancellationToken);

    private static object? Aggregate(FeedbackAggregate? a) => a is null
        ? null
        : new { answers = a.Answers, listened = a.Listened, steppedBack = a.SteppedBack, wouldRecommend = a.WouldRecommend };
}
