using System.Diagnostics;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

public sealed class PublishTests
{
    [Fact]
    public async Task Publish_YieldsAFolderAzureFunctionsCanRun()
    {
        var folder = Directory.CreateTempSubdirectory("solidaire-publish-").FullName;
        try
        {
            // --no-build: publish what the test run already built, as a deployment pipeline would after its build step.
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "publish", Path.Combine(RepoPaths.Root, "functions", "Solidaire.Functions.csproj"), "-c", RepoPaths.Configuration, "--no-build", "-o", folder, "--nologo" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var publish = Process.Start(start)!;
            var stdout = publish.StandardOutput.ReadToEndAsync();
            var stderr = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, await stdout + await stderr);

            foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "Solidaire.Functions.dll" })
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from the published folder");
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(Path.Combine(folder, "host.json")));
            Assert.False(File.Exists(Path.Combine(folder, "local.settings.json")), "local settings must never be published");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
