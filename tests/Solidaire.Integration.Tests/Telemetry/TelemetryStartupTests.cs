using System.Net;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Solidaire.Functions.Telemetry;
using Solidaire.Integration.Tests.Harness;

namespace Solidaire.Integration.Tests.Telemetry;

/// <summary>The Azure settings of telemetry, as the infra sets them, neither stop the app nor go unused.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryStartupTests
{
    [Fact]
    public async Task WithTheInfrasSettings_TheAppStarts_AndExportsWithTheManagedIdentity()
    {
        const string connectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
        // As the platform hands them over: environment variables, read when the app registers its services
        // (this collection runs alone, so no other test's app sees them).
        var settings = new Dictionary<string, string>
        {
            [TelemetryExport.ConnectionStringSetting] = connectionString,
            [TelemetryExport.AuthenticationStringSetting] = "ClientId=3f1c0d2e-0000-4000-8000-000000000001;Authorization=AAD",
        };
        foreach (var (name, value) in settings)
            Environment.SetEnvironmentVariable(name, value);
        try
        {
            // Nothing written to disk for the exports that cannot reach the (closed) endpoint.
            await using var app = await TestApp.StartAsync(services: s => s.PostConfigure<AzureMonitorExporterOptions>(o => o.DisableOfflineStorage = true));

            Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health")).StatusCode);
            var exporter = app.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().CurrentValue;
            Assert.Equal(connectionString, exporter.ConnectionString);
            Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
        }
        finally
        {
            foreach (var name in settings.Keys)
                Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task WithNothingToExportTo_NoPipelineIsBuilt_AndTheAppAnswers()
    {
        await using var app = await TestApp.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health")).StatusCode);
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }
}
