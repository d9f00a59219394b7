using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

/// <summary>
/// Runs infra/hooks/postprovision.sh for real under sh, with a stand-in az (a vault kept as files, one
/// per secret) and a stand-in azd that records what it is asked. openssl is the real one.
/// </summary>
[UnsupportedOSPlatform("windows")] // a POSIX sh hook, as azure.yaml declares it
public sealed partial class PostprovisionHookTests : IDisposable
{
    private const string Endpoint = "https://kv-example.vault.azure.net/";
    private readonly string _work = Directory.CreateTempSubdirectory("solidaire-postprovision-").FullName;

    private string Vault => Directory.CreateDirectory(Path.Combine(_work, "vault")).FullName;

    [Fact]
    public void FirstRun_CreatesEachKey_RecordsItsVersion_AndPinsTheAppsReferences()
    {
        var run = Run();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["personal-data-lookup-key", "personal-data-master-key-k1", "token-signing-key-k1"], Secrets());
        Assert.All(Secrets(), s => Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(Path.Combine(Vault, s + ".value")).Trim()).Length));
        var versions = RecordedVersions(run);
        Assert.Equal(Secrets(), versions.Keys.Order(StringComparer.Ordinal));
        Assert.All(versions, v => Assert.Equal(File.ReadAllText(Path.Combine(Vault, v.Key)).Trim(), v.Value));

        var settings = AppliedSettings(run);
        Assert.Equal($"@Microsoft.KeyVault(SecretUri={Endpoint}secrets/personal-data-master-key-k1/{versions["personal-data-master-key-k1"]})", settings["PersonalData__MasterKeys__k1"]);
        Assert.Equal($"@Microsoft.KeyVault(SecretUri={Endpoint}secrets/personal-data-lookup-key/{versions["personal-data-lookup-key"]})", settings["PersonalData__LookupKey"]);
        Assert.Equal($"@Microsoft.KeyVault(SecretUri={Endpoint}secrets/token-signing-key-k1/{versions["token-signing-key-k1"]})", settings["Tokens__SigningKeys__k1"]);
        // The operator's key is missing: referenced without a version, and said loudly.
        Assert.Equal($"@Microsoft.KeyVault(SecretUri={Endpoint}secrets/sendgrid-api-key)", settings["Email__SendGridApiKey"]);
        Assert.Contains("NO SENDGRID KEY", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--name sendgrid-api-key", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondRun_WithEveryVersionRecorded_TouchesNothing()
    {
        var first = Run();
        File.WriteAllText(Path.Combine(Vault, "sendgrid-api-key"), "99999999999999999999999999999999\n");
        var versions = string.Join(',', RecordedVersions(first).Select(v => $"{v.Key}={v.Value}")) + ",sendgrid-api-key=99999999999999999999999999999999";

        var second = Run(("SECRET_VERSIONS", versions));

        Assert.Equal(0, second.ExitCode);
        Assert.Empty(second.Az); // not even a list: the operator may have no vault role any more
        Assert.Empty(second.Azd);
        Assert.Contains("nothing to change", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingSecrets_AreNeverWrittenAgain_OnlyTheirVersionsRead()
    {
        foreach (var secret in new[] { "personal-data-master-key-k1", "personal-data-lookup-key", "token-signing-key-k1", "sendgrid-api-key" })
            File.WriteAllText(Path.Combine(Vault, secret), "0123456789abcdef0123456789abcdef\n");

        var run = Run();

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Az, c => c.StartsWith("keyvault secret set", StringComparison.Ordinal));
        Assert.All(RecordedVersions(run).Values, v => Assert.Equal("0123456789abcdef0123456789abcdef", v));
        Assert.Equal("@Microsoft.KeyVault(SecretUri=" + Endpoint + "secrets/sendgrid-api-key/0123456789abcdef0123456789abcdef)", AppliedSettings(run)["Email__SendGridApiKey"]);
        Assert.DoesNotContain("NO SENDGRID KEY", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_CreatesOnlyTheNewKeyId_AndKeepsTheOldOnesVersion()
    {
        var first = Run();
        var before = RecordedVersions(first);
        var recorded = string.Join(',', before.Select(v => $"{v.Key}={v.Value}"));

        var rotated = Run(("SECRET_VERSIONS", recorded), ("PERSONAL_DATA_MASTER_KEY_IDS", "k1,k2"), ("PERSONAL_DATA_ACTIVE_MASTER_KEY_ID", "k2"),
            ("TOKEN_SIGNING_KEY_IDS", "k1,k2"), ("TOKEN_ACTIVE_SIGNING_KEY_ID", "k2"));

        Assert.Equal(0, rotated.ExitCode);
        Assert.Equal(["keyvault secret set personal-data-master-key-k2", "keyvault secret set token-signing-key-k2"],
            rotated.Az.Where(c => c.StartsWith("keyvault secret set", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var after = RecordedVersions(rotated);
        Assert.Equal(before["personal-data-master-key-k1"], after["personal-data-master-key-k1"]);
        var settings = AppliedSettings(rotated);
        Assert.Contains($"personal-data-master-key-k1/{before["personal-data-master-key-k1"]})", settings["PersonalData__MasterKeys__k1"], StringComparison.Ordinal);
        Assert.Contains($"personal-data-master-key-k2/{after["personal-data-master-key-k2"]})", settings["PersonalData__MasterKeys__k2"], StringComparison.Ordinal);
        Assert.Contains($"token-signing-key-k2/{after["token-signing-key-k2"]})", settings["Tokens__SigningKeys__k2"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PERSONAL_DATA_ACTIVE_MASTER_KEY_ID", "k9", "is not in PERSONAL_DATA_MASTER_KEY_IDS")]
    [InlineData("TOKEN_ACTIVE_SIGNING_KEY_ID", "k9", "is not in TOKEN_SIGNING_KEY_IDS")]
    [InlineData("PERSONAL_DATA_MASTER_KEY_IDS", "k1,K_2", "use lower-case letters and digits only")]
    public void AWrongKeyId_StopsTheHook_BeforeAnyVaultCall(string variable, string value, string message)
    {
        var run = Run((variable, value));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Az);
    }

    [Fact]
    public void AVaultThatCannotBeListed_StopsTheHook_AndNoKeyIsWritten()
    {
        var run = Run(("FAKE_AZ_LIST_FAILS", "1"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(3, run.Az.Count(c => c == "keyvault secret list")); // a new role may take minutes to apply
        Assert.Contains("could not list the secrets of kv-example", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Az, c => c.StartsWith("keyvault secret set", StringComparison.Ordinal));
        Assert.Empty(run.Azd);
    }

    [Fact]
    public void AListRefusedAtFirst_IsTriedAgain_WhileTheNewRoleApplies()
    {
        var run = Run(("FAKE_AZ_LIST_FAILS_TIMES", "2"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Az.Count(c => c == "keyvault secret list"));
        Assert.Contains("attempt 1 of 3", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, run.Az.Count(c => c.StartsWith("keyvault secret set", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private sealed record HookRun(int ExitCode, string Stdout, string Stderr, string[] Az, string[] Azd);

    private List<string> Secrets() =>
        Directory.GetFiles(Vault).Select(Path.GetFileName).Where(n => !n!.EndsWith(".value", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()!;

    private static Dictionary<string, string> RecordedVersions(HookRun run)
    {
        var set = Assert.Single(run.Azd, c => c.StartsWith("env set SECRET_VERSIONS ", StringComparison.Ordinal));
        return set["env set SECRET_VERSIONS ".Length..].Split(',').Select(e => e.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    private static Dictionary<string, string> AppliedSettings(HookRun run)
    {
        var applied = Assert.Single(run.Az, c => c.StartsWith("functionapp config appsettings set", StringComparison.Ordinal));
        Assert.Contains("--name func-api-example --resource-group rg-example", applied, StringComparison.Ordinal);
        return Setting().Matches(applied).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\[(?<name>[A-Za-z0-9_]+)=(?<value>[^\]]*)\]")]
    private static partial Regex Setting();

    private HookRun Run(params (string Name, string Value)[] overrides)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var azLog = Path.Combine(_work, "az.log");
        var azdLog = Path.Combine(_work, "azd.log");
        File.WriteAllText(azLog, "");
        File.WriteAllText(azdLog, "");
        ShellHook.WriteCommand(Path.Combine(bin, "az"), """
            #!/bin/sh
            # keyvault secret list|show|set, functionapp config appsettings set: a vault kept as files.
            area="$1 $2 $3"; shift 3
            [ "$area" = "functionapp config appsettings" ] && shift
            name=""; value=""; settings=""
            while [ $# -gt 0 ]; do
              case "$1" in
                --name) name="$2"; shift 2 ;;
                --value) value="$2"; shift 2 ;;
                --settings) shift; while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do settings="$settings[$1]"; shift; done ;;
                *) shift ;;
              esac
            done
            case "$area" in
              "keyvault secret list")
                printf 'keyvault secret list\n' >> "$FAKE_AZ_LOG"
                [ -z "${FAKE_AZ_LIST_FAILS:-}" ] || { echo "ERROR: (Forbidden)" >&2; exit 1; }
                if [ "$(grep -c '^keyvault secret list$' "$FAKE_AZ_LOG")" -le "${FAKE_AZ_LIST_FAILS_TIMES:-0}" ]; then echo "ERROR: (Forbidden)" >&2; exit 1; fi
                ls "$FAKE_VAULT" | grep -v '\.value$' || true ;;
              "keyvault secret show")
                printf 'keyvault secret show %s\n' "$name" >> "$FAKE_AZ_LOG"
                [ -f "$FAKE_VAULT/$name" ] || { echo "ERROR: (SecretNotFound)" >&2; exit 3; }
                printf 'https://kv-example.vault.azure.net/secrets/%s/%s\n' "$name" "$(cat "$FAKE_VAULT/$name")" ;;
              "keyvault secret set")
                printf 'keyvault secret set %s\n' "$name" >> "$FAKE_AZ_LOG"
                version=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
                printf '%s\n' "$version" > "$FAKE_VAULT/$name"
                printf '%s\n' "$value" > "$FAKE_VAULT/$name.value"
                printf 'https://kv-example.vault.azure.net/secrets/%s/%s\n' "$name" "$version" ;;
              "functionapp config appsettings")
                printf 'functionapp config appsettings set --name %s --resource-group %s %s\n' "$name" "$FAKE_RG" "$settings" >> "$FAKE_AZ_LOG" ;;
              *) echo "unexpected az $area" >&2; exit 2 ;;
            esac
            """);
        ShellHook.WriteCommand(Path.Combine(bin, "azd"), """
            #!/bin/sh
            printf '%s\n' "$*" >> "$FAKE_AZD_LOG"
            """);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AZURE_KEY_VAULT_NAME"] = "kv-example",
            ["AZURE_KEY_VAULT_ENDPOINT"] = Endpoint,
            ["AZURE_FUNCTION_APP_NAME"] = "func-api-example",
            ["AZURE_RESOURCE_GROUP"] = "rg-example",
            ["PERSONAL_DATA_MASTER_KEY_IDS"] = "k1",
            ["PERSONAL_DATA_ACTIVE_MASTER_KEY_ID"] = "k1",
            ["TOKEN_SIGNING_KEY_IDS"] = "k1",
            ["TOKEN_ACTIVE_SIGNING_KEY_ID"] = "k1",
            ["SECRET_VERSIONS"] = null,
            ["FAKE_AZ_LOG"] = azLog,
            ["FAKE_AZD_LOG"] = azdLog,
            ["FAKE_VAULT"] = Vault,
            ["FAKE_RG"] = "rg-example",
            ["postprovision_list_attempts"] = "3",
            ["postprovision_retry_seconds"] = "0",
        };
        foreach (var (name, value) in overrides)
            environment[name] = value;
        var run = ShellHook.Run("infra/hooks/postprovision.sh", bin, environment);
        return new HookRun(run.ExitCode, run.Stdout, run.Stderr, File.ReadAllLines(azLog), File.ReadAllLines(azdLog));
    }
}
