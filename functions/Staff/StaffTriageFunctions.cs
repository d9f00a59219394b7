using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Engagements;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Staff;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>Triage and engagements (issue 8): the queue, an intake's detail, assignment, declining; a coach's answer.</summary>
public sealed partial class StaffFunctions
{
    /// <summary>The longest queue cursor read; a longer one is ignored (the first page is served).</summary>
    internal const int MaxCursor = 200;

    private static readonly Failure OnlyNewStatus = Failure.Invalid(new Dictionary<string, string[]> { ["status"] = ["Must be new (the intakes waiting for triage)."] });

    [Function("StaffIntakes")]
    public Task<IActionResult> Intakes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/intakes")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor =>
        {
            if (request.Query["status"].ToString() is { Length: > 0 } status && status != IntakeStatus.New)
                return Problems.From(OnlyNewStatus);
            var cursor = request.Query["cursor"].ToString() is { Length: > 0 and <= MaxCursor } c ? c : null;
            var page = await triage.QueueAsync(actor, cursor, cancellationToken);
            return Answers.From(page, StatusCodes.Status200OK, p => new { items = p.Items.Select(StaffViews.Intake), next = p.Next });
        }, cancellationToken);

    [Function("StaffIntake")]
    public Task<IActionResult> Intake(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/intakes/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await triage.DetailAsync(actor, id, cancellationToken), StatusCodes.Status200OK, StaffViews.IntakeDetail), cancellationToken);

    [Function("StaffAssignment")]
    public Task<IActionResult> Assign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/intakes/{id}/assignment")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Assignment, (actor, coachId) => triage.AssignAsync(actor, id, coachId, cancellationToken), StatusCodes.Status201Created,
            engagementId => new { engagementId }, cancellationToken);

    [Function("StaffDecline")]
    public Task<IActionResult> Decline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/intakes/{id}/decline")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Decline, (actor, form) => triage.DeclineAsync(actor, id, form, cancellationToken), StatusCodes.Status200OK,
            _ => new { status = IntakeStatus.Declined }, cancellationToken);

    [Function("StaffEngagements")]
    public Task<IActionResult> Engagements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/engagements")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await engagements.MineAsync(actor, cancellationToken), StatusCodes.Status200OK, list => new { items = list.Select(StaffViews.Engagement) }), cancellationToken);

    [Function("StaffConfirmation")]
    public Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/engagements/{id}/confirmation")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Confirmation, (actor, form) => engagements.ConfirmAsync(actor, id, form.NoConflictDeclared, cancellationToken), StatusCodes.Status200OK,
            e => new { id, status = e.Status }, cancellationToken);

    [Function("StaffRefusal")]
    public Task<IActionResult> Refuse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/engagements/{id}/refusal")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Refusal, (actor, reason) => engagements.RefuseAsync(actor, id, reason, cancellationToken), StatusCodes.Status200OK,
            e => new { id, status = e.Status }, cancellationToken);
}
