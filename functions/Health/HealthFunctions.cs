using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Health;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Health;

public sealed class HealthFunctions(HealthService health)
{
    [Function("Health")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return Answers.From(report, StatusCodes.Status200OK, r => new { status = "ok", storage = "ok", version = r.Version });
    }
}
