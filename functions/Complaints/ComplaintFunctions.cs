using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Complaints;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Complaints;

public sealed class ComplaintFunctions(JsonRequestReader reader, ComplaintService complaints)
{
    /// <summary>A complaint about a member's conduct from the public page (rule 12, §1, §4.8). 202 with its reference.</summary>
    [Function("SubmitComplaint")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await reader.ReadObjectAsync(request, cancellationToken);
        if (!body.IsSuccess)
            return Problems.From(body.Failure);
        using var document = body.Value;
        var form = ComplaintForm.Parse(document.RootElement);
        if (!form.IsSuccess)
            return Problems.From(form.Failure);

        var reference = await complaints.SubmitAsync(form.Value, cancellationToken);
        return Answers.From(reference, StatusCodes.Status202Accepted, r => new { reference = r });
    }
}
