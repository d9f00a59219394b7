using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Intake;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Intake;

public sealed class IntakeFunctions(JsonRequestReader reader, IntakeService intakes)
{
    /// <summary>A request for help from the public form (rule 1). 202 with the reference and whether it is urgent.</summary>
    [Function("SubmitIntake")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intakes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await reader.ReadObjectAsync(request, cancellationToken);
        if (!body.IsSuccess)
            return Problems.From(body.Failure);
        using var document = body.Value;
        // Reported in this order: the body's own problems, then a bad key, then the form's fields.
        var key = IdempotencyKey.Parse(request.Headers[IdempotencyKey.Header].ToString());
        if (!key.IsSuccess)
            return Problems.From(key.Failure);
        var form = IntakeForm.Parse(document.RootElement);
        if (!form.IsSuccess)
            return Problems.From(form.Failure);

        var receipt = await intakes.SubmitAsync(form.Value, key.Value.Text, cancellationToken);
        return Answers.From(receipt, StatusCodes.Status202Accepted, r => new { reference = r.Reference, urgent = r.Urgent });
    }
}
