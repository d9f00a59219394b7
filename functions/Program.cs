using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Solidaire.Functions;
using Solidaire.Functions.Http;
using Solidaire.Functions.Standalone;

// Under the Azure Functions host (Azure, or `func start`) the host starts this process and hands it
// its gRPC endpoint. Without a host (this project's machines have no Core Tools), the same build
// serves itself: see Standalone/StandaloneHost.cs.
if (!FunctionsHostDetector.IsHostPresent(args, Environment.GetEnvironmentVariables()))
{
    await StandaloneHost.RunAsync(args);
    return;
}

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpFunctionMiddleware>();
builder.Services.AddSolidaireFunctions(builder.Configuration);
await builder.Build().RunAsync();
