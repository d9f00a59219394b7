using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Solidaire.Functions.OpenApi;

public sealed class OpenApiFunctions(ApiDocument document)
{
    /// <summary>The OpenAPI document of every HTTP function (anonymous): for integrators, and the page web/api.html.</summary>
    [Function("OpenApi")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new ContentResult { Content = await document.JsonAsync(), ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
