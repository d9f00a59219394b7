using System.Net;
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
    public async Task Health_WhenStorageComesBackAfterStart_BecomesOk()
    {
        // Azurite started after the app: the app must not need a restart.
        await using var late = await Azurite.StartAsync();
        await using var app = await TestApp.StartAsync(connectionString: late.ConnectionString);

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
