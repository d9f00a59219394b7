using System.Text.RegularExpressions;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed partial class AppSettingsTests(CompiledMain main)
{
    private static readonly string[] SecretSettings = ["Email__SendGridApiKey", "PersonalData__MasterKeys__k1", "PersonalData__LookupKey", "Tokens__SigningKeys__k1"];

    private IReadOnlyDictionary<string, string> Settings => AppSettings.Of(main.Snapshot);

    [Theory]
    [InlineData("Storage__TableServiceUri")]
    [InlineData("OutboxSchedule")]
    [InlineData("PurgeSchedule")]
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
    public void OutboxSchedule_CatchesUpEveryFiveMinutes_OnThePurgesQuarterHoursToo()
    {
        // Emails leave right after their request; the timer only catches up. Every minute cost an idle
        // app ~43,000 wake-ups a month; every 5 minutes, on minutes that include the purge's quarter hours.
        Assert.Equal("0 */5 * * * *", AppSettings.Get(Settings, "OutboxSchedule"));
        Assert.Equal("0 */15 * * * *", AppSettings.Get(Settings, "PurgeSchedule"));
    }

    [Fact]
    public void ByDefault_K1IsTheOnlyAndActiveMasterKeyAndTokenKey()
    {
        Assert.Equal("k1", AppSettings.Get(Settings, "PersonalData__ActiveMasterKeyId"));
        Assert.Equal("k1", AppSettings.Get(Settings, "Tokens__ActiveSigningKeyId"));
        Assert.Equal(["PersonalData__MasterKeys__k1"], Settings.Keys.Where(k => k.StartsWith("PersonalData__MasterKeys__", StringComparison.Ordinal)));
        Assert.Equal(["Tokens__SigningKeys__k1"], Settings.Keys.Where(k => k.StartsWith("Tokens__SigningKeys__", StringComparison.Ordinal)));
    }

    [Fact]
    public void MasterKeyRotation_IsParameters_OneSettingPerKeyId_AndTheActiveId()
    {
        var settings = AppSettings.Of(Snapshot.Of(new Dictionary<string, object>
        {
            ["personalDataMasterKeyIds"] = "k1, k2",
            ["personalDataActiveMasterKeyId"] = "k2",
            ["tokenSigningKeyIds"] = "k1,k2,k3",
            ["tokenActiveSigningKeyId"] = "k3",
        }));

        Assert.Equal("k2", AppSettings.Get(settings, "PersonalData__ActiveMasterKeyId"));
        Assert.Equal("k3", AppSettings.Get(settings, "Tokens__ActiveSigningKeyId"));
        Assert.Equal(["PersonalData__MasterKeys__k1", "PersonalData__MasterKeys__k2"],
            settings.Keys.Where(k => k.StartsWith("PersonalData__MasterKeys__", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["Tokens__SigningKeys__k1", "Tokens__SigningKeys__k2", "Tokens__SigningKeys__k3"],
            settings.Keys.Where(k => k.StartsWith("Tokens__SigningKeys__", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(("personal-data-master-key-k2", ""), KeyVaultReference(AppSettings.Get(settings, "PersonalData__MasterKeys__k2")));
        Assert.Equal(("token-signing-key-k3", ""), KeyVaultReference(AppSettings.Get(settings, "Tokens__SigningKeys__k3")));
    }

    [Fact]
    public void SecretReferences_NameTheRecordedVersion_AndOnlyWhereOneIsRecorded()
    {
        var settings = AppSettings.Of(Snapshot.Of(new Dictionary<string, object>
        {
            ["personalDataMasterKeyIds"] = "k1,k2",
            ["personalDataActiveMasterKeyId"] = "k2",
            ["secretVersions"] = "personal-data-master-key-k1=0123456789abcdef0123456789abcdef, personal-data-lookup-key=fedcba9876543210fedcba9876543210,token-signing-key-k1=00112233445566778899aabbccddeeff,sendgrid-api-key=ffeeddccbbaa99887766554433221100",
        }));

        Assert.Equal(("personal-data-master-key-k1", "/0123456789abcdef0123456789abcdef"), KeyVaultReference(AppSettings.Get(settings, "PersonalData__MasterKeys__k1")));
        Assert.Equal(("personal-data-lookup-key", "/fedcba9876543210fedcba9876543210"), KeyVaultReference(AppSettings.Get(settings, "PersonalData__LookupKey")));
        Assert.Equal(("token-signing-key-k1", "/00112233445566778899aabbccddeeff"), KeyVaultReference(AppSettings.Get(settings, "Tokens__SigningKeys__k1")));
        Assert.Equal(("sendgrid-api-key", "/ffeeddccbbaa99887766554433221100"), KeyVaultReference(AppSettings.Get(settings, "Email__SendGridApiKey")));
        // k2 is new: no version recorded yet (the hook records it), so its reference has none.
        Assert.Equal(("personal-data-master-key-k2", ""), KeyVaultReference(AppSettings.Get(settings, "PersonalData__MasterKeys__k2")));
    }

    [Fact]
    public void OperatorSettings_ComeFromTheMainParameters()
    {
        Assert.Equal("sender@example.org", AppSettings.Get(Settings, "Email__FromAddress"));
        Assert.Equal("coordination@example.org", AppSettings.Get(Settings, "Staff__BootstrapCoordinators"));
        Assert.Equal("ethique@example.org", AppSettings.Get(Settings, "Complaints__Referents"));
        Assert.Equal("127.0.0.1,::1", AppSettings.Get(Settings, "RateLimiting__TrustedProxies"));
        Assert.Equal("127.0.0.1,::1", main.Template.Root.At("parameters", "rateLimitingTrustedProxies", "defaultValue").GetString());
    }

    [Theory]
    [InlineData("Email__SendGridApiKey", "sendgrid-api-key")]
    [InlineData("PersonalData__MasterKeys__k1", "personal-data-master-key-k1")]
    [InlineData("PersonalData__LookupKey", "personal-data-lookup-key")]
    [InlineData("Tokens__SigningKeys__k1", "token-signing-key-k1")]
    public void SecretSetting_IsAKeyVaultReferenceToTheVaultOfTheTemplate(string name, string secret)
    {
        var value = AppSettings.Get(Settings, name);

        Assert.Equal((secret, ""), KeyVaultReference(value));
        Assert.True(Snapshot.ReadsResource(value, "Microsoft.KeyVault/vaults", "vaultUri"));
    }

    /// <summary>The secret name and "/version" (or "") of a Key Vault reference setting, as the snapshot evaluates it.</summary>
    internal static (string Secret, string Version) KeyVaultReference(string value)
    {
        var match = KeyVaultReferenceValue().Match(value);
        Assert.True(match.Success, $"Not a Key Vault reference: {value}");
        return (match.Groups["secret"].Value, match.Groups["version"].Value);
    }

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/\{1\}\{2\}\)', reference\([^)]*\)\.vaultUri, '(?<secret>[a-z0-9-]+)', '(?<version>(/[0-9a-f]{32})?)'\)\]$")]
    private static partial Regex KeyVaultReferenceValue();

    [Fact]
    public void EverySettingThatLooksSecret_IsAKeyVaultReference()
    {
        // A new secret added as a plain value shows here. The App Insights connection string is not
        // a secret once local authentication is off (FunctionAppTests).
        var secretLooking = Settings.Keys.Where(k => SecretName().IsMatch(k)).ToList();

        Assert.Equal(SecretSettings.Order(), secretLooking.Order());
        Assert.All(secretLooking, k => KeyVaultReference(Settings[k]));
    }

    [GeneratedRegex(@"(Key|Secret|Password|Token|ConnectionString|MasterKeys__\w+|SigningKeys__\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
