using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Solidaire.Core.Health;
using Solidaire.Core.Storage;
using System.Text.Json;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_WhenStorageAnswers_IsOkWithStorageOkAndVersion()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("storage").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Health_WhenStorageDoesNotAnswer_Is503StorageUnavailable()
    {
        var closedPort = FreePort.Next();
        await using var app = await TestApp.StartAsync(connectionString: Azurite.ConnectionStringFor(closedPort), waitForTables: false);

        var response = await app.Client.GetAsync("/api/health");

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.Status);
        Assert.Equal("storage_unavailable", problem.Code);
    }

    [Fact]
    public async Task StorageComingUpAfterTheApp_IsUsedWithoutARestart()
    {
        var port = FreePort.Next();
        await using var app = await TestApp.StartAsync(connectionString: Azurite.ConnectionStringFor(port), waitForTables: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Client.GetAsync("/api/health")).StatusCode);
        Assert.Equal("storage_unavailable", (await Problem.ReadAsync(await app.Client.PostAsync(IntakeBodies.Valid("early@example.org")))).Code);

        await using var late = await Azurite.StartAsync(port);
        var ready = app.Services.GetRequiredService<TableInitializer>().Ready;
        for (var i = 0; i < 400 && !ready.IsCompleted; i++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(10)); // the initializer's back-off runs on the app's clock
            await Task.WhenAny(ready, Task.Delay(50));
        }

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.PostAsync(IntakeBodies.Valid("late@example.org"))).StatusCode);
    }

    [Fact]
    public async Task Health_WhileTheTablesAreNotYetMade_Is503_ThoughStorageAnswers_AndOkOnceTheyAre()
    {
        // Tables made at start run beside the first requests: health must not say "serve" before they exist,
        // or a caller who waits for a 200 (run.sh, a deployment slot swap) gets 503 on its first real request.
        await using var app = await TestApp.StartAsync();
        var initializer = new TableInitializer(app.Tables, NullLogger<TableInitializer>.Instance, app.Time);
        var health = new HealthService(app.Tables, initializer, app.Time);
        var before = app.StorageRequests;

        var early = await health.CheckAsync(CancellationToken.None);

        Assert.Equal("storage_unavailable", early.Failure?.Code);
        Assert.Equal(before, app.StorageRequests); // the initializer is already trying: health costs nothing meanwhile
        await initializer.StartAsync(CancellationToken.None);
        await initializer.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True((await health.CheckAsync(CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task Health_AskedOftenWithinFiveSeconds_CostsOneStorageRequest_AndAnotherAfter()
    {
        await using var app = await TestApp.StartAsync(s =>
        {
            // No timer may touch storage while the clock moves.
            s["OutboxSchedule"] = "0 0 0 1 1 *";
            s["PurgeSchedule"] = "0 0 0 1 1 *";
        });
        var before = app.StorageRequests;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.Client.GetAsync("/api/health")));
        app.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health")).StatusCode);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, app.StorageRequests - before);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health")).StatusCode);
        Assert.Equal(2, app.StorageRequests - before);
    }
}
