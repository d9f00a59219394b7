using System.Net;
using System.Text.Json;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// One source for the pages' headers: web/staticwebapp.config.json's globalHeaders are what Azure Static Web Apps
/// sends with every page, and exactly what standalone mode sends, here over real HTTP (the API's origin in the CSP
/// being, in standalone mode, the pages' own).
/// </summary>
public sealed class PageHeadersTests : AppTest
{
    // What any server says about the answer itself (its length, type, date, version), not a policy.
    private static readonly HashSet<string> AboutTheAnswer = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Content-Type", "Content-Length", "Last-Modified", "ETag", "Accept-Ranges", "Transfer-Encoding",
    };

    private static Dictionary<string, string> ProductionHeaders()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "web", SiteFiles.ConfigFileName)));
        return config.RootElement.GetProperty("globalHeaders").EnumerateObject()
            .ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void ProductionHeaders_ForbidFramingAndInlineScript_AndAskForHttpsSniffingNothingAndNoReferrer()
    {
        var headers = ProductionHeaders();

        var csp = headers["Content-Security-Policy"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        // The pages talk to the API only, whose origin the deployment writes in place of the token.
        Assert.Contains("connect-src " + SiteFiles.ApiOriginToken, csp);
        Assert.DoesNotContain("unsafe-inline", headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Matches(@"^max-age=(3153[6-9]\d{3}|[4-9]\d{7}|\d{9,})(; includeSubDomains)?$", headers["Strict-Transport-Security"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/privacy.html")]
    [InlineData("/contract.html")]
    [InlineData("/staff/")]
    [InlineData("/staff/app.js")]
    [InlineData("/assets/site.css")]
    [InlineData("/favicon.svg")]
    public async Task StandalonePages_CarryExactlyTheProductionHeaders(string path)
    {
        var expected = ProductionHeaders().ToDictionary(
            h => h.Key, h => h.Value.Replace(SiteFiles.ApiOriginToken, SiteFiles.StandaloneApiOrigin, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase);

        var response = await App.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = response.Headers.Concat(response.Content.Headers)
            .Where(h => !AboutTheAnswer.Contains(h.Key))
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase), served.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase));
        Assert.Equal("connect-src 'self'", served["Content-Security-Policy"].Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("connect-src", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheConfigurationFile_IsNotServedAsAPage()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "web", SiteFiles.ConfigFileName)));

        var problem = await Problem.ReadAsync(await App.Client.GetAsync("/" + SiteFiles.ConfigFileName));

        Assert.Equal("not_found", problem.Code);
    }

    [Fact]
    public async Task AWebRootWithoutTheConfiguration_DoesNotStart()
    {
        var root = Directory.CreateTempSubdirectory("solidaire-web-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "x");
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(s => s["Standalone:WebRoot"] = root));
            Assert.Contains(SiteFiles.ConfigFileName, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
