using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;
using Solidaire.Functions.Standalone;

using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>
/// The functions app in standalone mode, in this process, on a free loopback port, over the shared
/// Azurite with tables of its own. Tests talk real HTTP to it and can read its services.
/// </summary>
public sealed class TestApp : IServedApp, IAsyncDisposable
{
    private TestApp(WebApplication app, Uri baseAddress, FakeTimeProvider time, string tablePrefix, string workFolder)
    {
        App = app;
        BaseAddress = baseAddress;
        Time = time;
        TablePrefix = tablePrefix;
        WorkFolder = workFolder;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public FakeTimeProvider Time { get; }
    public string TablePrefix { get; }
    public string WorkFolder { get; }
    public string MailFolder => Path.Combine(WorkFolder, "mail");
    public IServiceProvider Services => App.Services;
    public long StorageRequests => Services.GetRequiredService<StorageRequestCounter>().Count;
    public Tables Tables => Services.GetRequiredService<Tables>();

    /// <summary>Starts an app over the shared Azurite, or over <paramref name="connectionString"/> when given.</summary>
    public static async Task<TestApp> StartAsync(
        Action<IDictionary<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null,
        string? connectionString = null,
        bool waitForTables = true)
    {
        connectionString ??= (await Azurite.Shared).ConnectionString;
        var tablePrefix = TestSettings.NewTablePrefix();
        var workFolder = Directory.CreateTempSubdirectory("solidaire-test-").FullName;
        var values = TestSettings.For(connectionString, tablePrefix, workFolder);
        settings?.Invoke(values);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var app = StandaloneHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Services.AddSingleton<TimeProvider>(time);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var testApp = new TestApp(app, new Uri(address), time, tablePrefix, workFolder);
        if (waitForTables)
        {
            await app.Services.GetRequiredService<TableInitializer>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
            // The first coordinators are enrolled at start: wait, so no test counts those storage requests as its own.
            await app.Services.GetRequiredService<StaffBootstrap>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        }
        return testApp;
    }

    /// <summary>Waits until the app's background work has stopped touching storage; returns the request count then.</summary>
    public async Task<long> StorageQuietAsync()
    {
        long last;
        do
        {
            last = StorageRequests;
            await Task.Delay(300);
        }
        while (StorageRequests != last);
        return last;
    }

    public async Task<T> GetJsonAsync<T>(string path) => (await Client.GetFromJsonAsync<T>(path))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
