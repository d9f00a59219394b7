using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Http;

/// <summary>
/// Under the Azure Functions host: gives each HTTP function's answer the <see cref="EdgeHeaders"/>,
/// runs the <see cref="HttpFunctionGate"/> before it and turns escaped exceptions into problems. The standalone server does the same in its own pipeline.
/// </summary>
public sealed class HttpFunctionMiddleware(FunctionCatalog catalog, HttpFunctionGate gate, UnexpectedErrors errors) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var name = context.FunctionDefinition.Name;
        var http = context.GetHttpContext();
        if (http is null)
        {
            try
            {
                await next(context);
            }
            catch (Exception e)
            {
                var correlationId = errors.LogTimerFailure(e, name);
                // The host logs what a function throws: give it nothing but the correlation id.
                throw new FunctionFailedException(name, correlationId);
            }
            return;
        }

        // The function's answer is written after this returns, by the worker's ASP.NET Core integration,
        // which does not clear these.
        EdgeHeaders.Apply(http.Response);
        if (catalog.Find(name)?.Trigger is HttpTrigger trigger && gate.Admit(http, trigger) is { } refused)
        {
            context.GetInvocationResult().Value = refused;
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            context.GetInvocationResult().Value = errors.ToProblem(e, name);
        }
    }
}

public sealed class FunctionFailedException(string functionName, string correlationId)
    : Exception($"Function {functionName} failed; correlation id {correlationId}.");
