using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Sessions;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>The coach's engagement screen (issue 10): the engagement with its sessions; record, amend or remove a session.</summary>
public sealed partial class StaffFunctions
{
    [Function("StaffEngagement")]
    public Task<IActionResult> Engagement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/engagements/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(await engagements.OneAsync(actor, id, cancellationToken), StatusCodes.Status200OK, StaffViews.Engagement), cancellationToken);

    [Function("StaffRecordSession")]
    public Task<IActionResult> RecordSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/engagements/{id}/sessions")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, SessionForm.Parse, (actor, form) => sessions.RecordAsync(actor, id, form, cancellationToken), StatusCodes.Status201Created, StaffViews.Session, cancellationToken);

    [Function("StaffAmendSession")]
    public Task<IActionResult> AmendSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "staff/engagements/{id}/sessions/{sessionId}")] HttpRequest request, string id, string sessionId, CancellationToken cancellationToken) =>
        ActAsync(request, SessionForm.Parse, (actor, form) => sessions.AmendAsync(actor, id, sessionId, form, cancellationToken), StatusCodes.Status200OK, StaffViews.Session, cancellationToken);

    [Function("StaffRemoveSession")]
    public Task<IActionResult> RemoveSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "staff/engagements/{id}/sessions/{sessionId}")] HttpRequest request, string id, string sessionId, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(await sessions.RemoveAsync(actor, id, sessionId, cancellationToken), StatusCodes.Status200OK,
            s => new { id = s.Id, removed = true }), cancellationToken);

    [Function("StaffCollectiveEngagements")]
    public Task<IActionResult> CollectiveEngagements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/collective/engagements")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await engagements.CollectiveAsync(actor, request.Query["status"].FirstOrDefault(), cancellationToken), StatusCodes.Status200OK,
            list => new
            {
                items = list.Select(e => new
                {
                    id = e.Id, reference = e.Reference, coachId = e.CoachId, coachName = e.CoachName, status = e.Status, outcome = e.Outcome,
                    assignedAt = e.AssignedAt, closedAt = e.ClosedAt,
                }),
            }), cancellationToken);

    [Function("StaffCloseEngagement")]
    public Task<IActionResult> CloseEngagement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/engagements/{id}/closure")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, Core.Engagements.ClosureForm.Parse, (actor, form) => closure.CloseAsync(actor, id, form, cancellationToken), StatusCodes.Status200OK,
            e => new { id, status = e.Status }, cancellationToken);
}
