using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed partial class KeyVaultTests(CompiledMain main)
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
    public void EverySecretTheAppReads_IsDocumentedWithTheCommandThatSetsIt()
    {
        var readme = Repository.ReadText("infra/README.md");
        var secrets = AppSettings.Of(main.Template).Values
            .Select(v => SecretReference().Match(v))
            .Where(m => m.Success)
            .Select(m => m.Groups["secret"].Value)
            .ToList();

        Assert.Equal(4, secrets.Count); // SendGrid, the master and look-up keys, the token signing key
        Assert.All(secrets, secret =>
            Assert.Matches(new Regex($@"az keyvault secret set [^\n]*--name {Regex.Escape(secret)}\b"), readme));
    }

    [GeneratedRegex(@"@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/(?<secret>[A-Za-z0-9-]+)\)")]
    private static partial Regex SecretReference();
}
