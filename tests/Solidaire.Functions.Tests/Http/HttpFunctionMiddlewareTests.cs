using System.Collections.Immutable;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Tests.Http;

/// <summary>Under the Azure Functions host, the worker middleware gives HTTP functions' answers the edge headers.</summary>
public sealed class HttpFunctionMiddlewareTests
{
    private static HttpFunctionMiddleware Middleware()
    {
        var options = Options.Create(new RateLimitingOptions());
        var catalog = new FunctionCatalog([new FunctionDescriptor("Health", "Solidaire.Functions.dll", "Solidaire.Functions.Health.HealthFunctions.Get", new HttpTrigger(AuthLevel.Anonymous, ["GET"], "health"))]);
        return new HttpFunctionMiddleware(catalog, new HttpFunctionGate(new IpRateLimiter(options, new FakeTimeProvider()), new ClientAddress(options)), new UnexpectedErrors(NullLogger<UnexpectedErrors>.Instance));
    }

    [Fact]
    public async Task HttpFunctionAnswer_UnderTheFunctionsHost_CarriesTheEdgeHeaders()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Connection.RemoteIpAddress = IPAddress.Loopback;

        await Middleware().Invoke(new HttpFunctionContext("Health", http), _ => Task.CompletedTask);

        var headers = http.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions);
        Assert.Equal("no-store", headers.CacheControl);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Contains("frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The least of a function invocation the middleware reads: its name and, for HTTP, the ASP.NET Core context.</summary>
    private sealed class HttpFunctionContext(string name, HttpContext http) : FunctionContext
    {
        public override string InvocationId => "test";
        public override string FunctionId => name;
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition { get; } = new Definition(name);
        // The key under which the worker's ASP.NET Core integration hands the function its HttpContext.
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => null!;
    }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "Solidaire.Functions.dll";
        public override string EntryPoint => "";
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
