using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Contracts;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>The coach's side of the contract (issue 9): issue it, or re-issue it while unsigned.</summary>
public sealed partial class StaffFunctions
{
    [Function("StaffIssueContract")]
    public Task<IActionResult> IssueContract(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/engagements/{id}/contract")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ActAsync(request, ContractIssueForm.Parse, (actor, form) => contracts.IssueAsync(actor, id, form, cancellationToken), StatusCodes.Status201Created,
            issued => new { contractId = issued.ContractId, sha256 = issued.Sha256 }, cancellationToken);
}
