using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

/// <summary>Runs infra/hooks/stage-web.sh for real (azd's predeploy hook of the web service) into a temporary folder.</summary>
[UnsupportedOSPlatform("windows")] // a POSIX sh hook, as azure.yaml declares it
public sealed class StageWebHookTests : IDisposable
{
    private const string ApiUri = "https://func-api-example.azurewebsites.net";
    private const string Token = "__SOLIDAIRE_API_ORIGIN__";

    // The kinds of file standalone mode serves (functions/Standalone/SiteFiles.cs), and the configuration.
    private static readonly string[] PageKinds = [".html", ".css", ".js", ".svg", ".ico", ".png", ".webmanifest", ".txt"];

    private readonly string _work = Directory.CreateTempSubdirectory("solidaire-stage-").FullName;

    private string Staged => Path.Combine(_work, "site");

    [Fact]
    public void Hook_StagesThePagesOwnFilesAndTheConfiguration_NothingElse()
    {
        var web = Repository.PathOf("web");

        Run(ApiUri + "/");

        var expected = RelativeFiles(web)
            .Where(f => PageKinds.Contains(Path.GetExtension(f)) || f == "staticwebapp.config.json")
            .Where(f => !f.Split('/').Any(segment => segment.StartsWith('.')))
            .ToList();
        Assert.Equal(expected, RelativeFiles(Staged));
        Assert.DoesNotContain("README.md", RelativeFiles(Staged));
    }

    [Fact]
    public void Hook_PointsEveryPageAtTheApi_AndOpensTheCspToItsOriginOnly_OnACopy()
    {
        var web = Repository.PathOf("web");
        var before = RelativeFiles(web).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(web, f)));

        Run(ApiUri + "/");

        var pages = Directory.GetFiles(Staged, "*.html", SearchOption.AllDirectories);
        Assert.NotEmpty(pages);
        // Every page has the meta (the pages that call the API read it), and it now names the API's origin.
        Assert.All(pages, page => Assert.Contains($"<meta name=\"solidaire-api-base\" content=\"{ApiUri}\">", File.ReadAllText(page), StringComparison.Ordinal));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Staged, "staticwebapp.config.json")));
        var csp = config.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString()!;
        Assert.Contains($"connect-src {ApiUri};", csp, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(Staged, "staticwebapp.config.json")), StringComparison.Ordinal);
        // web/ is left as it was, for standalone mode.
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllText(Path.Combine(web, file.Key))));
        Assert.Contains(Token, before["staticwebapp.config.json"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://func-api-example.azurewebsites.net")]
    [InlineData("https://func-api-example.azurewebsites.net/api")]
    [InlineData("https://func-api-example.azurewebsites.net\"; script-src *")]
    public void Hook_RefusesAnythingButAnHttpsOrigin(string? apiUri)
    {
        var (exitCode, _) = Start(apiUri);

        Assert.NotEqual(0, exitCode);
        Assert.False(Directory.Exists(Staged));
    }

    [Fact]
    public void Hook_ByDefault_StagesIntoTheWebServicesDist()
    {
        var script = Repository.ReadText("infra/hooks/stage-web.sh");

        Assert.Contains("site=${1:-\"$root/infra/web-package/site\"}", script, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private void Run(string apiUri)
    {
        var (exitCode, output) = Start(apiUri);
        Assert.True(exitCode == 0, $"the hook failed:\n{output}");
    }

    private (int ExitCode, string Output) Start(string? apiUri)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            // azd runs a service hook in the service's folder.
            WorkingDirectory = Repository.PathOf("infra/web-package"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.PathOf("infra/hooks/stage-web.sh"));
        start.ArgumentList.Add(Staged);
        start.Environment.Remove("SERVICE_API_URI");
        if (apiUri is not null)
            start.Environment["SERVICE_API_URI"] = apiUri;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the hook did not finish in 30 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static List<string> RelativeFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
