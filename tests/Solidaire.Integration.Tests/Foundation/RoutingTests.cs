using System.Net;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

public sealed class RoutingTests : AppTest
{

    [Theory]
    [InlineData("/api/does-not-exist")]
    [InlineData("/api/health/extra")]
    [InlineData("/api")]
    [InlineData("/nothing-here.html")]
    public async Task UnknownRoute_IsNotFoundProblem(string path)
    {
        var problem = await Problem.ReadAsync(await App.Client.GetAsync(path));

        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("not_found", problem.Code);
    }

    [Fact]
    public async Task DeclaredRoute_WithUndeclaredMethod_IsMethodNotAllowedProblemNamingTheAllowedOnes()
    {
        var response = await App.Client.DeleteAsync("/api/health");

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, problem.Status);
        Assert.Equal("method_not_allowed", problem.Code);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task WebRoot_ServesTheFrenchIntakePage_WithSecurityHeaders()
    {
        var response = await App.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"fr\"", await response.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task AdminInvoke_OfUnknownFunction_IsNotFoundProblem()
    {
        var response = await App.Client.PostAsync("/admin/functions/NoSuchTimer", Json.Body("{}"));

        Assert.Equal("not_found", (await Problem.ReadAsync(response)).Code);
    }
}
