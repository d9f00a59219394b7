using System.Runtime.Versioning;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

/// <summary>Runs infra/hooks/publish-web.sh for real, with a fake az on the PATH that records what it is asked.</summary>
[UnsupportedOSPlatform("windows")] // a POSIX sh hook, as azure.yaml declares it
public sealed class PublishWebHookTests : IDisposable
{
    private const string ApiUri = "https://func-api-example.azurewebsites.net";
    private readonly string _work = Directory.CreateTempSubdirectory("solidaire-hook-").FullName;

    [Fact]
    public void PublishWebHook_TurnsOnTheStaticWebsiteAndUploadsWebToDollarWeb()
    {
        var (log, _) = RunHook();

        Assert.Equal(2, log.Length);
        Assert.StartsWith("storage blob service-properties update ", log[0], StringComparison.Ordinal);
        Assert.Contains("--static-website", log[0], StringComparison.Ordinal);
        Assert.StartsWith("storage blob upload-batch ", log[1], StringComparison.Ordinal);
        Assert.Contains("--destination $web", log[1], StringComparison.Ordinal);
        Assert.All(log, command =>
        {
            Assert.Contains("--account-name stexample", command, StringComparison.Ordinal);
            Assert.Contains("--auth-mode login", command, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void PublishWebHook_UploadsEveryFileOfWeb_WithPagesPointingAtTheApi()
    {
        var web = Repository.PathOf("web");
        var before = File.ReadAllText(Path.Combine(web, "index.html"));

        var (_, uploaded) = RunHook();

        Assert.Equal(RelativeFiles(web), RelativeFiles(uploaded));
        Assert.Contains($"<meta name=\"solidaire-api-base\" content=\"{ApiUri}\">",
            File.ReadAllText(Path.Combine(uploaded, "index.html")), StringComparison.Ordinal);
        // The rewrite is made on a copy: web/ stays as it is for standalone mode.
        Assert.Equal(before, File.ReadAllText(Path.Combine(web, "index.html")));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private (string[] Log, string Uploaded) RunHook()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var uploaded = Directory.CreateDirectory(Path.Combine(_work, "uploaded")).FullName;
        var log = Path.Combine(_work, "az.log");
        ShellHook.WriteCommand(Path.Combine(bin, "az"), """
            #!/bin/sh
            printf '%s\n' "$*" >> "$FAKE_AZ_LOG"
            if [ "$2" = "blob" ] && [ "$3" = "upload-batch" ]; then
              while [ $# -gt 1 ]; do
                if [ "$1" = "--source" ]; then cp -R "$2/." "$FAKE_AZ_UPLOADED/"; fi
                shift
              done
            fi
            """);

        var run = ShellHook.Run("infra/hooks/publish-web.sh", bin, new Dictionary<string, string?>
        {
            ["AZURE_STORAGE_ACCOUNT_NAME"] = "stexample",
            ["SERVICE_API_URI"] = ApiUri,
            ["FAKE_AZ_LOG"] = log,
            ["FAKE_AZ_UPLOADED"] = uploaded,
        });
        Assert.True(run.ExitCode == 0, $"the hook failed:\n{run.Stdout}\n{run.Stderr}");

        return (File.ReadAllLines(log), uploaded);
    }

    private static List<string> RelativeFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Order(StringComparer.Ordinal)
            .ToList();
}
