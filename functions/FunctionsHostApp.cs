using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Solidaire.Functions.Http;

namespace Solidaire.Functions;

/// <summary>The app as the Azure Functions host runs it: ASP.NET Core integration, our middleware, our services.</summary>
public static class FunctionsHostApp
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(HostArguments.WithoutConfigFileWatching(args));
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<HttpFunctionMiddleware>();
        builder.Services.AddSolidaireFunctions(builder.Configuration);
        return builder.Build();
    }
}
