using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;
using Solidaire.Functions.Telemetry;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// Standalone mode: the functions app serving itself where no Azure Functions host is installed.
/// Every HTTP function of functions.metadata is mapped at /{routePrefix}/{route} with its methods and
/// auth level, every timer function runs on its schedule, /admin/functions/{name} runs one at once
/// (loopback only), and web/ is served at /. Nothing else answers under the route prefix.
/// A development and test harness: in Azure the Functions host does all this.
/// </summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static async Task RunAsync(string[] args)
    {
        await using var app = Build(args);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            throw new InvalidSettingException($"{PortsNamedIn(e.Message, app.Configuration[WebHostDefaults.ServerUrlsKey])} in use (--urls to choose another)");
        }
        // The addresses the server really listens on (port 0 resolved), so nobody has to guess them.
        foreach (var url in app.Urls)
            Console.WriteLine($"Solidaire is listening on {url} (standalone mode): the pages at {url}/, the API at {url}/api/health, the local mailbox at {url}/dev/mail. Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync();
    }

    /// <summary>"port 7071 is", or "ports 7071, 7072 are": the configured ports the bind failure names, else all of them.</summary>
    private static string PortsNamedIn(string message, string? urls)
    {
        var configured = (urls ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var named = configured.Where(u => message.Contains(u.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)).ToArray();
        var ports = (named.Length > 0 ? named : configured)
            .Select(u => BindingAddress.Parse(u).Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToArray();
        return ports.Length == 1 ? $"port {ports[0]} is" : $"ports {string.Join(", ", ports)} are";
    }

    /// <param name="args">Command line: --urls, and any setting as --Section:Key=value.</param>
    /// <param name="configure">Lets tests add settings or replace services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var appDirectory = AppContext.BaseDirectory;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = HostArguments.WithoutConfigFileWatching(args.Where(a => a != "--standalone")),
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // Lowest precedence: local.settings.json, as `func start` would read it; environment and command line win.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = LocalSettings.Read(Path.Combine(appDirectory, "local.settings.json")),
        });
        // Below everything: ASP.NET's per-request information logs add nothing the app's own logs lack,
        // and the host's "failed to start" line is a stack trace: Program says what went wrong instead.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
            },
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        });

        builder.Services.AddSolidaireFunctions(builder.Configuration);
        builder.Services.AddRequestSpans();
        builder.Services.AddCors();
        builder.Services.AddSingleton(sp => new StandaloneFunctions(sp.GetRequiredService<FunctionCatalog>(), typeof(StandaloneHost).Assembly));
        builder.Services.AddSingleton<TimerScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
        configure?.Invoke(builder);

        var app = builder.Build();
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var prefix = HostJson.RoutePrefix(appDirectory);
        var prefixPath = prefix.Length == 0 ? PathString.Empty : new PathString("/" + prefix);

        app.Use((http, next) =>
        {
            EdgeHeaders.ApplyWhenStarting(http.Response);
            return next(http);
        });
        app.Use(CatchUnexpected);
        app.UseStatusCodePages(ProblemForEmptyError);
        var cors = app.Services.GetRequiredService<IOptions<CorsOptions>>().Value;
        if (cors.Origins.Count > 0)
        {
            app.UseCors(p => p.WithOrigins([.. cors.Origins])
                .WithMethods("GET", "POST")
                .WithHeaders("Content-Type", "Idempotency-Key", "Accept-Language")
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1)));
        }
        SiteFiles.Serve(app);
        app.UseRouting();

        var functions = app.Services.GetRequiredService<StandaloneFunctions>();
        foreach (var method in functions.Http)
            MapHttpFunction(app, prefix, method);
        MapAdmin(app);
        DevMailbox.Map(app);
        // Nothing else under the route prefix: the Functions host would not serve it either.
        app.Map(prefixPath.Value + "/{**rest}", (HttpContext http) => AllowedMethods(http) is { Length: > 0 } allowed
            ? Problems.MethodNotAllowed(allowed).WriteAsync(http)
            : Problems.NotFound().WriteAsync(http));
        app.MapFallback((HttpContext http) => Problems.NotFound().WriteAsync(http));
        return app;
    }

    private static void MapHttpFunction(WebApplication app, string prefix, FunctionMethod method)
    {
        var trigger = (HttpTrigger)method.Descriptor.Trigger;
        var pattern = "/" + (prefix.Length == 0 ? "" : prefix + "/") + trigger.Route.TrimStart('/');
        RequestDelegate handler = async http =>
        {
            var services = http.RequestServices;
            if (!FunctionKeys.Allows(http, trigger.AuthLevel, services.GetRequiredService<IConfiguration>()))
            {
                await Problems.Unauthorized().WriteAsync(http);
                return;
            }
            if (services.GetRequiredService<HttpFunctionGate>().Admit(http, trigger) is { } refused)
            {
                await refused.WriteAsync(http);
                return;
            }
            IActionResult result;
            try
            {
                result = (IActionResult)(await method.InvokeAsync(services, http, timer: null, http.RequestAborted))!;
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                result = services.GetRequiredService<UnexpectedErrors>().ToProblem(e, method.Descriptor.Name);
            }
            await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
        };
        var endpoint = trigger.Methods.Count == 0 ? app.Map(pattern, handler) : app.MapMethods(pattern, trigger.Methods, handler);
        endpoint.WithDisplayName(method.Descriptor.Name).WithMetadata(method.Descriptor);
    }

    private static void MapAdmin(WebApplication app)
    {
        var admin = app.MapGroup("/admin").LoopbackOnly();

        admin.MapGet("/functions", (StandaloneFunctions functions, TimerScheduler scheduler) =>
            Results.Json(functions.Describe(scheduler)));

        admin.MapPost("/functions/{name}", async (string name, HttpContext http, TimerScheduler scheduler, IHostApplicationLifetime lifetime, JsonRequestReader reader) =>
        {
            if (!scheduler.Timers.Any(t => t.Method.Descriptor.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                return (IResult)Problems.NotFound();
            var body = await reader.ReadObjectAsync(http.Request, http.RequestAborted);
            if (!body.IsSuccess)
                return Problems.From(body.Failure);
            body.Value.Dispose();
            // Like the host's admin API: accepted now, run in the background.
            _ = Task.Run(() => scheduler.RunNowAsync(name, lifetime.ApplicationStopping));
            return Results.Accepted();
        });
    }

    private static async Task CatchUnexpected(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            http.Response.Clear();
            await http.RequestServices.GetRequiredService<UnexpectedErrors>().ToProblem(e, "standalone").WriteAsync(http);
        }
    }

    private static Task ProblemForEmptyError(StatusCodeContext context)
    {
        var http = context.HttpContext;
        ProblemResult problem = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Problems.NotFound(),
            StatusCodes.Status405MethodNotAllowed => Problems.MethodNotAllowed(AllowedMethods(http)),
            var status => new ProblemResult(status, "http_" + status, ReasonPhrases.GetReasonPhrase(status)),
        };
        return problem.WriteAsync(http);
    }

    private static string[] AllowedMethods(HttpContext http) =>
        http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FunctionDescriptor>() is not null)
            .Where(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!.TrimStart('/')), new RouteValueDictionary()).TryMatch(http.Request.Path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct()
            .ToArray();
}
