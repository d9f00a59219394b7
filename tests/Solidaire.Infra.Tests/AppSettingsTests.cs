using System.Text.RegularExpressions;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed partial class AppSettingsTests(CompiledMain main)
{
    private static readonly string[] SecretSettings = ["Email__SendGridApiKey", "PersonalData__MasterKeys__k1", "PersonalData__LookupKey", "Tokens__SigningKeys__k1"];

    private IReadOnlyDictionary<string, string> Settings => AppSettings.Of(main.Template);

    [Theory]
    [InlineData("Storage__TableServiceUri")]
    [InlineData("OutboxSchedule")]
    [InlineData("Email__FromAddress")]
    [InlineData("Email__SendGridApiKey")]
    [InlineData("PersonalData__ActiveMasterKeyId")]
    [InlineData("PersonalData__MasterKeys__k1")]
    [InlineData("PersonalData__LookupKey")]
    [InlineData("Tokens__ActiveSigningKeyId")]
    [InlineData("Tokens__SigningKeys__k1")]
    [InlineData("Site__BaseUrl")]
    [InlineData("Staff__BootstrapCoordinators")]
    [InlineData("Complaints__Referents")]
    [InlineData("Cors__AllowedOrigins")]
    [InlineData("RateLimiting__TrustedProxies")]
    [InlineData("Sessions__VideoBaseUrl")]
    public void AppSettings_IncludeWhatTheAppReads(string name)
    {
        Assert.NotEmpty(AppSettings.Get(Settings, name));
    }

    [Fact]
    public void EveryTimerScheduleSetting_TheFunctionsUse_IsSet()
    {
        // The Functions host refuses to index a timer whose %Setting% does not resolve.
        var used = Directory.GetFiles(Repository.PathOf("functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TimerSetting().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToArray();

        Assert.Contains("OutboxSchedule", used);
        Assert.Contains("PurgeSchedule", used);
        Assert.All(used, name => Assert.NotEmpty(AppSettings.Get(Settings, name)));
    }

    [GeneratedRegex("TimerTrigger\\(\"%([^%]+)%\"")]
    private static partial Regex TimerSetting();

    [Fact]
    public void OutboxSchedule_DispatchesEmailEveryMinute()
    {
        Assert.Equal("0 */1 * * * *", AppSettings.Get(Settings, "OutboxSchedule"));
    }

    [Fact]
    public void ActiveMasterKey_IsK1AndHasItsMasterKeySetting()
    {
        var active = AppSettings.Get(Settings, "PersonalData__ActiveMasterKeyId");

        Assert.Equal("k1", active);
        Assert.Contains($"PersonalData__MasterKeys__{active}", Settings.Keys);
    }

    [Fact]
    public void ActiveTokenSigningKey_IsK1AndHasItsKeySetting()
    {
        var active = AppSettings.Get(Settings, "Tokens__ActiveSigningKeyId");

        Assert.Equal("k1", active);
        Assert.Contains($"Tokens__SigningKeys__{active}", Settings.Keys);
    }

    [Fact]
    public void OperatorSettings_ComeFromTheMainParameters()
    {
        Assert.Equal("[parameters('emailFromAddress')]", AppSettings.Get(Settings, "Email__FromAddress"));
        Assert.Equal("[parameters('emailFromAddress')]", main.Template.ModuleParameter("api", "emailFromAddress").GetString());
        Assert.Equal("[parameters('staffBootstrapCoordinators')]", AppSettings.Get(Settings, "Staff__BootstrapCoordinators"));
        Assert.Equal("[parameters('staffBootstrapCoordinators')]", main.Template.ModuleParameter("api", "staffBootstrapCoordinators").GetString());
        Assert.Equal("[parameters('complaintReferents')]", AppSettings.Get(Settings, "Complaints__Referents"));
        Assert.Equal("[parameters('complaintReferents')]", main.Template.ModuleParameter("api", "complaintReferents").GetString());
        Assert.Equal("[parameters('rateLimitingTrustedProxies')]", AppSettings.Get(Settings, "RateLimiting__TrustedProxies"));
        Assert.Equal("127.0.0.1,::1", main.Template.Root.At("parameters", "rateLimitingTrustedProxies", "defaultValue").GetString());
    }

    [Theory]
    [InlineData("Email__SendGridApiKey", "sendgrid-api-key")]
    [InlineData("PersonalData__MasterKeys__k1", "personal-data-master-key-k1")]
    [InlineData("PersonalData__LookupKey", "personal-data-lookup-key")]
    public void SecretSetting_IsAKeyVaultReferenceToTheModulesVault(string name, string secret)
    {
        Assert.Equal(
            $"[format('@Microsoft.KeyVault(SecretUri={{0}}secrets/{secret})', parameters('keyVaultUri'))]",
            AppSettings.Get(Settings, name));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "keyVaultUri").GetString()!, "keyvault", "uri"));
    }

    [Fact]
    public void EverySettingThatLooksSecret_IsAKeyVaultReference()
    {
        // A new secret added as a plain value shows here. The App Insights connection string is not
        // a secret once local authentication is off (FunctionAppTests).
        var secretLooking = Settings.Keys.Where(k => SecretName().IsMatch(k)).ToList();

        Assert.Equal(SecretSettings.Order(), secretLooking.Order());
        Assert.All(secretLooking, k => Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", Settings[k], StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(Key|Secret|Password|Token|ConnectionString|MasterKeys__\w+|SigningKeys__\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
