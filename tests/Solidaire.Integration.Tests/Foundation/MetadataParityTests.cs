using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Functions.Metadata;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>What standalone mode serves and schedules is exactly what functions.metadata declares.</summary>
public sealed class MetadataParityTests : AppTest
{
    private readonly FunctionCatalog _declared = FunctionCatalog.Load(RepoPaths.FunctionsOutput);

    [Fact]
    public void FunctionsMetadata_DeclaresEveryFunctionOfTheAssembly()
    {
        var inCode = typeof(Solidaire.Functions.AppServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order();

        Assert.Equal(inCode, _declared.Functions.Select(f => f.Name).Order());
    }

    [Fact]
    public async Task AdminFunctions_ListsExactlyTheDeclaredFunctions()
    {
        using var served = JsonDocument.Parse(await App.Client.GetStringAsync("/admin/functions"));

        var actual = served.RootElement.EnumerateArray()
            .Select(f => Describe(
                f.GetProperty("name").GetString()!,
                f.GetProperty("trigger").GetString()!,
                f.GetProperty("authLevel").GetString(),
                f.GetProperty("methods").ValueKind == JsonValueKind.Array ? f.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!) : null,
                f.GetProperty("route").GetString(),
                f.GetProperty("schedule").GetString()))
            .Order();
        var expected = _declared.Functions.Select(f => f.Trigger switch
        {
            HttpTrigger h => Describe(f.Name, "httpTrigger", h.AuthLevel.ToString(), h.Methods, h.Route, null),
            TimerTrigger t => Describe(f.Name, "timerTrigger", null, null, null, t.Schedule),
            _ => throw new InvalidOperationException(),
        }).Order();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RoutingTable_HasOneEndpointPerDeclaredHttpFunction_UnderTheHostJsonPrefix()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FunctionDescriptor>() is not null)
            .Select(e => $"{e.DisplayName} {e.RoutePattern.RawText} {string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])}")
            .Order();
        var prefix = HostJson.RoutePrefix(RepoPaths.Root);

        var expected = _declared.Functions
            .Where(f => f.Trigger is HttpTrigger)
            .Select(f => (f, (HttpTrigger)f.Trigger))
            .Select(x => $"{x.f.Name} /{prefix}/{x.Item2.Route} {string.Join(",", x.Item2.Methods)}")
            .Order();

        Assert.Equal("api", prefix);
        Assert.Equal(expected, endpoints);
    }

    [Fact]
    public async Task EveryDeclaredHttpRouteAndMethod_IsServed()
    {
        foreach (var f in _declared.Functions.Where(f => f.Trigger is HttpTrigger))
        {
            var trigger = (HttpTrigger)f.Trigger;
            var path = "/api/" + System.Text.RegularExpressions.Regex.Replace(trigger.Route, @"\{[^}]+\}", "x");
            foreach (var method in trigger.Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : Json.Body("{}") };
                var response = await App.Client.SendAsync(request);
                Assert.True(response.StatusCode is not HttpStatusCode.NotFound and not HttpStatusCode.MethodNotAllowed,
                    $"{method} {path} ({f.Name}) answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task TimerSchedules_AreTheDeclaredOnesResolvedFromSettings()
    {
        using var served = JsonDocument.Parse(await App.Client.GetStringAsync("/admin/functions"));
        var config = App.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();

        var timers = served.RootElement.EnumerateArray().Where(f => f.GetProperty("trigger").GetString() == "timerTrigger").ToArray();

        Assert.Equal(_declared.Functions.Count(f => f.Trigger is TimerTrigger), timers.Length);
        foreach (var t in timers)
        {
            var declared = ((TimerTrigger)_declared.Find(t.GetProperty("name").GetString()!)!.Trigger).Schedule;
            var expected = System.Text.RegularExpressions.Regex.Replace(declared, "%([^%]+)%", m => config[m.Groups[1].Value]!);
            Assert.Equal(expected, t.GetProperty("resolvedSchedule").GetString());
        }
    }

    private static string Describe(string name, string trigger, string? auth, IEnumerable<string>? methods, string? route, string? schedule) =>
        $"{name}|{trigger}|{auth}|{(methods is null ? "" : string.Join(",", methods))}|{route}|{schedule}";
}
