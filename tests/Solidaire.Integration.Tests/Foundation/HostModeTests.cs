using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Functions;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// The composition the Azure Functions host runs (no host here to run it: Core Tools cannot be
/// installed). Building it with the host's arguments and checking every constructor parameter of the
/// middleware and of each function class declared in functions.metadata against its services shows a
/// DI gap here, by name, and not in Azure.
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

        // The classes the host will make are those functions.metadata names: the same as the code's.
        var assembly = typeof(FunctionsHostApp).Assembly;
        var declared = host.Services.GetRequiredService<FunctionCatalog>().Functions.Select(f => f.TypeName).Distinct().Order().ToArray();
        var inCode = assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .Select(t => t.FullName!)
            .Order()
            .ToArray();
        Assert.NotEmpty(declared);
        Assert.Equal(inCode, declared);

        var made = declared.Select(name => assembly.GetType(name, throwOnError: true)!).Prepend(typeof(HttpFunctionMiddleware)).ToArray();
        var isService = scope.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        var missing = made.SelectMany(type => Unresolvable(type, isService)).ToArray();
        Assert.True(missing.Length == 0, "Not registered in the host's services: " + string.Join("; ", missing));

        // Registered is not enough: each one's own dependencies must resolve too.
        foreach (var type in made)
            ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task StandaloneHost_WatchesNoConfigurationFile()
    {
        // A file watcher on the content root watches every folder under it: the repository and its
        // node_modules when run from there, about a seventh of a start. There is no appsettings.json to
        // reload. (Under the Functions host the worker's builder adds watched files of its own, in the
        // deployment folder: the host's defaults it builds on are turned off the same way.)
        await using var app = await TestApp.StartAsync();

        var files = ((IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>().ToArray();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, f.Source.Path));
    }

    /// <summary>The parameters of the type's most nearly resolvable constructor that no registration provides.</summary>
    private static string[] Unresolvable(Type type, IServiceProviderIsService services)
    {
        var gaps = type.GetConstructors()
            .Select(c => c.GetParameters()
                .Where(p => !p.HasDefaultValue && !services.IsService(p.ParameterType))
                .Select(p => $"{type.Name}({p.ParameterType.Name} {p.Name})")
                .ToArray())
            .OrderBy(g => g.Length)
            .ToArray();
        return gaps.Length == 0 ? [$"{type.Name} has no public constructor"] : gaps[0];
    }
}
