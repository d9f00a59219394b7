using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed class KeyVaultTests(CompiledMain main)
{
    private ArmResource Vault => main.Template.Single("Microsoft.KeyVault/vaults");

    [Fact]
    public void KeyVault_IsGovernedByRbacNotAccessPolicies()
    {
        Assert.Equal(JsonValueKind.True, Vault.Properties.At("enableRbacAuthorization").ValueKind);
        Assert.Equal(JsonValueKind.Undefined, Vault.Properties.At("accessPolicies").ValueKind);
    }

    [Fact]
    public void KeyVault_KeepsDeletedSecretsRecoverable()
    {
        Assert.Equal(JsonValueKind.True, Vault.Properties.At("enableSoftDelete").ValueKind);
        Assert.Equal(JsonValueKind.True, Vault.Properties.At("enablePurgeProtection").ValueKind);
    }

    [Fact]
    public void Template_SetsNoSecretValue()
    {
        Assert.Empty(main.Template.OfType("Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void EverySecretTheAppReads_IsMadeByTheHook_OrDocumentedWithTheCommandThatSetsIt()
    {
        var readme = Repository.ReadText("infra/README.md");
        var hook = Repository.ReadText("infra/hooks/postprovision.sh");
        var secrets = AppSettings.Of(main.Snapshot).Values
            .Where(v => v.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal))
            .Select(v => AppSettingsTests.KeyVaultReference(v).Secret)
            .ToList();

        Assert.Equal(4, secrets.Count); // SendGrid, the master and look-up keys, the token signing key
        Assert.All(secrets.Where(s => s != "sendgrid-api-key"), secret =>
            Assert.Matches(new Regex($@"ensure_key (""?){Regex.Escape(secret).Replace("k1", @"\$id", StringComparison.Ordinal)}\b"), hook));
        // The operator's own secret: the hook never makes it, the README says how to set it.
        Assert.DoesNotContain("ensure_key sendgrid-api-key", hook, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"az keyvault secret set [^\n]*--name sendgrid-api-key\b"), readme);
    }
}
