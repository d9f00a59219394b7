using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Solidaire.Core.Telemetry;

namespace Solidaire.Functions.Telemetry;

/// <summary>
/// Logs, traces and metrics through OpenTelemetry, as the isolated worker does it
/// (<c>UseFunctionsWorkerDefaults</c>: the worker's own spans, the Functions resource, and the host
/// told not to send the worker's telemetry twice), with the app's ActivitySource and Meter
/// ("Solidaire"). Exported to Application Insights only when its connection string is set (the infra
/// sets it in Azure): standalone mode and tests build no pipeline and export nothing unless asked.
/// </summary>
public static class TelemetryExport
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>ASP.NET Core's request spans: standalone mode's stand-in for the worker's invocation spans.</summary>
    public const string AspNetCoreSource = "Microsoft.AspNetCore";

    public static IServiceCollection AddSolidaireTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
            ExportToAzureMonitor(AddPipeline(services), connectionString, configuration);
        return services;
    }

    /// <summary>
    /// The pipeline an exporter is handed: built only when something exports (Application Insights here,
    /// tests' in-memory capture). With no exporter it would record spans, logs and metrics for nobody, and
    /// building it is a fifth of the app's start-up (the SDK's statics, its logger, tracer and meter providers).
    /// </summary>
    public static IOpenTelemetryBuilder AddPipeline(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(SolidaireTelemetry.Name))
            .WithMetrics(m => m.AddMeter(SolidaireTelemetry.Name))
            .WithLogging();

    /// <summary>
    /// Apart, and never inlined: the exporter's assembly (and Azure.Identity's) is loaded when this method is
    /// compiled, so an app that exports nothing (standalone mode, tests) does not load them at start.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ExportToAzureMonitor(IOpenTelemetryBuilder telemetry, string connectionString, IConfiguration configuration)
    {
        var credential = CredentialFor(configuration[AuthenticationStringSetting], configuration[ClientIdSetting]);
        telemetry.UseAzureMonitorExporter(o =>
        {
            o.ConnectionString = connectionString;
            o.Credential = credential;
        });
    }

    /// <summary>Standalone mode: a span for each HTTP request, which the rows it writes keep (the Functions host's invocation span plays that part in Azure).</summary>
    public static IServiceCollection AddRequestSpans(this IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(AspNetCoreSource));

    /// <summary>
    /// The exporter reads the connection string from the environment but not the authentication
    /// string the Functions platform uses ("Authorization=AAD;ClientId=…"): that asks for the managed
    /// identity, the user-assigned one when a client id is given (there, else AZURE_CLIENT_ID).
    /// Null (the connection string's key alone) when it does not ask for Microsoft Entra ID.
    /// </summary>
    internal static TokenCredential? CredentialFor(string? authenticationString, string? clientId)
    {
        var parts = (authenticationString ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
            return null;
        var id = parts.TryGetValue("ClientId", out var given) && given.Length > 0 ? given : clientId;
        return string.IsNullOrWhiteSpace(id)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id));
    }
}
