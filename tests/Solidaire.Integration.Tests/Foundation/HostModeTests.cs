using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Functions;
using Solidaire.Functions.Http;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// The composition the Azure Functions host runs (no host here to run it: Core Tools cannot be
/// installed). Building it with the host's arguments proves every function class and the
/// middleware can be made from its services, so a DI gap shows here and not in Azure.
/// </summary>
public sealed class HostModeTests
{
    [Fact]
    public async Task HostComposition_ResolvesTheMiddlewareAndEveryFunctionClass()
    {
        var work = Directory.CreateTempSubdirectory("solidaire-hostmode-").FullName;
        var settings = TestSettings.For((await Azurite.Shared).ConnectionString, TestSettings.NewTablePrefix(), work);
        var args = new List<string> { "--functions-uri", "http://127.0.0.1:1/", "--functions-worker-id", Guid.NewGuid().ToString(), "--functions-request-id", Guid.NewGuid().ToString(), "--functions-grpc-max-message-length", "2147483647" };
        args.AddRange(settings.Select(kv => $"--{kv.Key}={kv.Value}"));

        using var host = FunctionsHostApp.Build([.. args]);
        using var scope = host.Services.CreateScope();

        Assert.NotNull(ActivatorUtilities.CreateInstance<HttpFunctionMiddleware>(scope.ServiceProvider));
        var functionClasses = typeof(FunctionsHostApp).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToArray();
        Assert.NotEmpty(functionClasses);
        foreach (var type in functionClasses)
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        Directory.Delete(work, recursive: true);
    }
}
