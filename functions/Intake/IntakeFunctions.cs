using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Intake;

public sealed class IntakeFunctions(JsonRequestReader reader, IntakeService intakes)
{
    private const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>A request for help from the public form (rule 1). 202 with the reference.</summary>
    [Function("SubmitIntake")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intakes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await reader.ReadObjectAsync(request, cancellationToken);
        if (!body.IsSuccess)
            return Problems.From(body.Failure);
        using var document = body.Value;

        var form = IntakeForm.Parse(document.RootElement);
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 0 && (key.Length > 200 || key.Any(c => c is < '!' or > '~')))
            return Problems.From(Failure.Invalid(new Dictionary<string, string[]> { [IdempotencyHeader] = ["Must be 1 to 200 visible ASCII characters."] }));
        if (!form.IsSuccess)
            return Problems.From(form.Failure);

        var receipt = await intakes.SubmitAsync(form.Value, key.Length > 0 ? key : null, cancellationToken);
        return receipt.IsSuccess
            ? new JsonResult(new { reference = receipt.Value.Reference }) { StatusCode = StatusCodes.Status202Accepted }
            : Problems.From(receipt.Failure);
    }
}
