using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Health;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task UnexpectedException_Is500WithCorrelationId_AndNeitherResponseNorLogsCarryItsDetails()
    {
        const string secret = "jane.doe@example.org";
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(services: s =>
        {
            logs.Register(s);
            s.AddSingleton<HealthService>(_ => throw new InvalidOperationException($"could not reach {secret}"));
        });

        var response = await app.Client.GetAsync("/api/health");
        var text = await response.Content.ReadAsStringAsync();

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, problem.Status);
        Assert.Equal("internal_error", problem.Code);
        var correlationId = problem.Body.GetProperty("correlationId").GetString();
        Assert.False(string.IsNullOrEmpty(correlationId));
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain("InvalidOperationException", text);
        Assert.DoesNotContain(" at ", text);
        Assert.Contains(logs.Lines, l => l.Contains(correlationId!, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal) || l.Contains("EXCEPTION", StringComparison.Ordinal));
    }
}
