using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed partial class AzdTests(CompiledMain main)
{
    private static Dictionary<string, object> AzureYaml => AzdYaml.Parse(Repository.ReadText("azure.yaml"));

    [Fact]
    public void AzureYaml_DeclaresTheApiServiceHostedAsAFunction()
    {
        var yaml = AzureYaml;

        Assert.Equal("solidaire", yaml.At("name"));
        Assert.Equal("function", yaml.At("services", "api", "host"));
        Assert.Equal("dotnet", yaml.At("services", "api", "language"));
        Assert.Equal("./functions", yaml.At("services", "api", "project"));
        Assert.NotEmpty(Directory.GetFiles(Repository.PathOf("functions"), "*.csproj"));
    }

    [Fact]
    public void AzureYaml_DeclaresTheWebServiceOnStaticWebApps_WithNoBuild()
    {
        var yaml = AzureYaml;

        Assert.Equal("staticwebapp", yaml.At("services", "web", "host"));
        // No language: plain files, nothing for azd to build.
        Assert.Null(yaml.At("services", "web", "language"));
        // Not web/ itself: the SWA CLI takes the first staticwebapp.config.json under the project, which must be
        // the staged copy's (its CSP filled with the API's origin), and deploys dist.
        Assert.Equal("./infra/web-package", yaml.At("services", "web", "project"));
        Assert.Equal("site", yaml.At("services", "web", "dist"));
        Assert.Contains("/site/", Repository.ReadText("infra/web-package/.gitignore").Split('\n'));
        // Nothing else in the project: no other configuration for the SWA CLI to find.
        Assert.All(Directory.GetFileSystemEntries(Repository.PathOf("infra/web-package")).Select(Path.GetFileName),
            name => Assert.True(name is ".gitignore" or "site", $"infra/web-package holds {name}"));
    }

    [Fact]
    public void WebService_StagesItsCopyOfWeb_InAPredeployHook_WithAnExecutableScript()
    {
        var run = Assert.IsType<string>(AzureYaml.At("services", "web", "hooks", "predeploy", "posix", "run"));
        // A service hook runs in the service's folder.
        var script = Path.GetFullPath(Path.Combine(Repository.PathOf("infra/web-package"), run));

        Assert.Equal(Repository.PathOf("infra/hooks/stage-web.sh"), script);
        Assert.True(File.Exists(script), $"azure.yaml runs {run}, which does not exist.");
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{run} is not executable.");
        Assert.Equal("sh", AzureYaml.At("services", "web", "hooks", "predeploy", "posix", "shell"));
    }

    [Fact]
    public void NothingPublishesToTheStorageStaticWebsiteAnyMore()
    {
        Assert.Null(AzureYaml.At("hooks", "postdeploy"));
        Assert.False(File.Exists(Repository.PathOf("infra/hooks/publish-web.sh")));
        var infra = Directory.GetFiles(Repository.PathOf("infra"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Append(Repository.PathOf("azure.yaml"));
        Assert.All(infra, file =>
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("upload-batch", text, StringComparison.Ordinal);
            Assert.DoesNotContain("--static-website", text, StringComparison.Ordinal);
            Assert.DoesNotContain("primaryEndpoints.web", text, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("primaryEndpoints.web", main.Template.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HookScript_ReadsOnlyVariablesThatMainBicepOutputs()
    {
        var script = Repository.ReadText("infra/hooks/stage-web.sh");
        var outputs = main.Template.Root.GetProperty("outputs").EnumerateObject().Select(o => o.Name).ToHashSet();
        var read = ShellVariable().Matches(script).Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.Equal(["SERVICE_API_URI"], read);
        Assert.All(read, name => Assert.Contains(name, outputs));
    }

    [Theory]
    [InlineData("preprovision", "./infra/hooks/preprovision.sh")]
    [InlineData("postprovision", "./infra/hooks/postprovision.sh")]
    public void AzureYaml_RunsTheProvisionHooks_AsPosixShScripts(string hook, string path)
    {
        Assert.Equal(path, AzureYaml.At("hooks", hook, "posix", "run"));
        Assert.Equal("sh", AzureYaml.At("hooks", hook, "posix", "shell"));
        Assert.Equal("false", AzureYaml.At("hooks", hook, "posix", "continueOnError"));
        var script = Repository.PathOf(path.TrimStart('.', '/'));
        Assert.True(File.Exists(script), $"azure.yaml runs {path}, which does not exist.");
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{path} is not executable.");
    }

    [Theory]
    [InlineData("infra/hooks/preprovision.sh")]
    [InlineData("infra/hooks/postprovision.sh")]
    [InlineData("infra/hooks/stage-web.sh")]
    public void HookScript_IsPosixSh_ThatStopsAtTheFirstError(string path)
    {
        var text = Repository.ReadText(path);

        Assert.StartsWith("#!/bin/sh\n", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"(?m)^set -eu$"), text);
        // dash is the strictest common POSIX sh: bash-only syntax fails its parse.
        var shell = File.Exists("/usr/bin/dash") ? "/usr/bin/dash" : "/bin/sh";
        var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(shell, ["-n", Repository.PathOf(path)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = check.StandardError.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, $"{shell} -n {path}:\n{errors}");
    }

    [Theory]
    [InlineData("infra/hooks/preprovision.sh")]
    [InlineData("infra/hooks/postprovision.sh")]
    public void ProvisionHook_ReadsOnlyWhatMainBicepOutputs_OrTheParametersFileMaps(string path)
    {
        var script = Repository.ReadText(path);
        var outputs = main.Template.Root.GetProperty("outputs").EnumerateObject().Select(o => o.Name);
        var mapped = ParameterFileVariable().Matches(Repository.ReadText("infra/main.parameters.json")).Select(m => m.Groups["name"].Value);
        var known = outputs.Concat(mapped).ToHashSet(StringComparer.Ordinal);
        var read = ShellVariable().Matches(script).Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, known));
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("SERVICE_WEB_NAME")]
    [InlineData("SERVICE_WEB_URI")]
    [InlineData("STATIC_WEB_APP_DEFAULT_HOSTNAME")]
    [InlineData("AZURE_KEY_VAULT_ENDPOINT")]
    [InlineData("PERSONAL_DATA_MASTER_KEY_IDS")]
    [InlineData("PERSONAL_DATA_ACTIVE_MASTER_KEY_ID")]
    [InlineData("TOKEN_SIGNING_KEY_IDS")]
    [InlineData("TOKEN_ACTIVE_SIGNING_KEY_ID")]
    [InlineData("SECRET_VERSIONS")]
    public void MainBicep_OutputsWhatAzdReads(string name)
    {
        Assert.True(main.Template.Root.GetProperty("outputs").TryGetProperty(name, out _), $"main.bicep has no output {name}.");
    }

    [Fact]
    public void MainBicep_IsTheAzdSubscriptionShape()
    {
        var root = main.Template.Root;

        Assert.Equal(
            "[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]",
            root.At("variables", "resourceToken").GetString());
        Assert.Equal("[parameters('environmentName')]", root.At("variables", "tags", "azd-env-name").GetString());
        var group = main.Template.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("[variables('tags')]", group.String("tags"));
        // Role assignments (rbac) take no tags; every other module gets the azd tags.
        Assert.All(main.Template.Modules.Where(m => m is not (ArmTemplate.Main or "rbac")),
            m => Assert.Equal("[variables('tags')]", main.Template.ModuleParameter(m, "tags").GetString()));
    }

    [Fact]
    public void MainParameters_GiveEveryRequiredParameterAValue()
    {
        using var file = JsonDocument.Parse(Repository.ReadText("infra/main.parameters.json"));
        var given = file.RootElement.GetProperty("parameters");
        var declared = main.Template.Root.GetProperty("parameters").EnumerateObject().ToList();

        Assert.Equal("${AZURE_ENV_NAME}", given.At("environmentName", "value").GetString());
        Assert.Equal("${AZURE_LOCATION}", given.At("location", "value").GetString());
        Assert.All(declared.Where(p => p.Value.At("defaultValue").ValueKind == JsonValueKind.Undefined),
            p => Assert.True(given.TryGetProperty(p.Name, out _), $"main.parameters.json gives no value to the required parameter {p.Name}."));
        Assert.All(given.EnumerateObject(),
            p => Assert.True(declared.Any(d => d.Name == p.Name), $"main.parameters.json gives {p.Name}, which main.bicep does not declare."));
    }

    [Theory]
    [InlineData("secretVersions", "${SECRET_VERSIONS}")]
    [InlineData("operatorSecretsAccess", "${OPERATOR_SECRETS_ACCESS=true}")]
    [InlineData("personalDataMasterKeyIds", "${PERSONAL_DATA_MASTER_KEY_IDS=k1}")]
    [InlineData("personalDataActiveMasterKeyId", "${PERSONAL_DATA_ACTIVE_MASTER_KEY_ID=k1}")]
    [InlineData("tokenSigningKeyIds", "${TOKEN_SIGNING_KEY_IDS=k1}")]
    [InlineData("tokenActiveSigningKeyId", "${TOKEN_ACTIVE_SIGNING_KEY_ID=k1}")]
    [InlineData("alertEmails", "${ALERT_EMAILS}")]
    [InlineData("budgetStartDate", "${BUDGET_START_DATE}")]
    public void MainParameters_MapTheAzdEnvironmentTheHooksWrite(string parameter, string value)
    {
        using var file = JsonDocument.Parse(Repository.ReadText("infra/main.parameters.json"));

        Assert.Equal(value, file.RootElement.At("parameters", parameter, "value").GetString());
    }

    // ${NAME} or ${NAME=default} in main.parameters.json.
    [GeneratedRegex(@"\$\{(?<name>[A-Z][A-Z0-9_]*)")]
    private static partial Regex ParameterFileVariable();

    // $NAME or ${NAME...} in a shell script.
    [GeneratedRegex(@"\$\{?(?<name>[A-Z][A-Z0-9_]*)")]
    private static partial Regex ShellVariable();
}
