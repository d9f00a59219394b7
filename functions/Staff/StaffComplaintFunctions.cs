using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Staff;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>The ethics referents' side of complaints (rule 12, §1, §4.8): naming a referent, reading and closing complaints.</summary>
public sealed partial class StaffFunctions
{
    [Function("StaffGrantReferent")]
    public Task<IActionResult> GrantReferent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/referents")] HttpRequest request, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Invitation, (actor, form) => staff.GrantReferentAsync(actor, form, cancellationToken), StatusCodes.Status201Created,
            m => new { memberId = m.MemberId, roles = m.Roles }, cancellationToken);

    [Function("StaffComplaints")]
    public Task<IActionResult> Complaints(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/complaints")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await complaints.ListAsync(actor, cancellationToken), StatusCodes.Status200OK, list => new { items = list.Select(StaffViews.Complaint) }), cancellationToken);

    [Function("StaffComplaint")]
    public Task<IActionResult> Complaint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/complaints/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await complaints.DetailAsync(actor, id, cancellationToken), StatusCodes.Status200OK, StaffViews.ComplaintDetail), cancellationToken);

    [Function("StaffComplaintClosure")]
    public Task<IActionResult> CloseComplaint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/complaints/{id}/closure")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.ComplaintClosure, (actor, form) => complaints.CloseAsync(actor, id, form, cancellationToken), StatusCodes.Status200OK,
            StaffViews.ComplaintDetail, cancellationToken);
}
