using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed class RoleAssignmentTests(CompiledMain main)
{
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void EveryRole_IsExactlyTheOneItsUseNeeds_OnTheNarrowestScope()
    {
        var snapshot = main.Snapshot;
        var storage = $"Microsoft.Storage/storageAccounts/{snapshot.Output("AZURE_STORAGE_ACCOUNT_NAME")}";
        var containers = $"{storage}/blobServices/default/containers";
        var vault = $"Microsoft.KeyVault/vaults/{snapshot.Output("AZURE_KEY_VAULT_NAME")}";
        var insights = $"Microsoft.Insights/components/{snapshot.Single("Microsoft.Insights/components").GetProperty("name").GetString()}";
        var package = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => c.GetProperty("name").GetString()!.Split('/')[^1])
            .Single(n => n.StartsWith("app-package-", StringComparison.Ordinal));

        Assert.Equal(
            new[]
            {
                ("identity", TableDataContributor, storage), // its tables and the host's diagnostic events table
                ("identity", BlobDataOwner, $"{containers}/azure-webjobs-hosts"), // timer status and locks
                ("identity", BlobDataOwner, $"{containers}/azure-webjobs-secrets"), // host keys
                ("identity", BlobDataContributor, $"{containers}/{package}"), // the package the platform writes and reads
                ("identity", KeyVaultSecretsUser, vault), // Key Vault references
                ("identity", MonitoringMetricsPublisher, insights), // telemetry with Entra ID
                ("operator", KeyVaultSecretsOfficer, vault), // the postprovision hook makes the keys
            }.Order(),
            Grants(snapshot).Order());
    }

    [Fact]
    public void NoQueueRole_AndNoBlobRoleOnTheWholeAccount()
    {
        var grants = Grants(main.Snapshot);

        Assert.DoesNotContain(grants, g => g.Role == QueueDataContributor);
        Assert.DoesNotContain(grants, g => g.Role is BlobDataOwner or BlobDataContributor && !g.Scope.Contains("/containers/", StringComparison.Ordinal));
    }

    [Fact]
    public void OperatorRole_OnlyWhenTheParameterSaysSo()
    {
        var without = Snapshot.Of(new Dictionary<string, object> { ["operatorSecretsAccess"] = false });
        var nobody = Snapshot.Of(new Dictionary<string, object> { ["principalId"] = "" });

        Assert.Equal(JsonValueKind.True, main.Template.Root.At("parameters", "operatorSecretsAccess", "defaultValue").ValueKind);
        Assert.Contains(Grants(main.Snapshot), g => g.Principal == "operator");
        Assert.DoesNotContain(Grants(without), g => g.Principal == "operator");
        Assert.DoesNotContain(Grants(nobody), g => g.Principal == "operator");
        Assert.Equal(6, Grants(without).Count);
    }

    [Fact]
    public void RoleAssignments_AllLiveInTheRbacModule()
    {
        var modules = main.Template.OfType("Microsoft.Authorization/roleAssignments").Select(a => a.Module).Distinct();

        Assert.Equal(["rbac"], modules);
    }

    [Fact]
    public void ManagedIdentityRoles_AreForAServicePrincipal()
    {
        var identityGrants = main.Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.String("properties", "principalId") == "[parameters('identityPrincipalId')]")
            .ToList();

        Assert.Equal(5, identityGrants.Count); // the host containers' role is one declaration over two containers
        Assert.All(identityGrants, g => Assert.Equal("ServicePrincipal", g.String("properties", "principalType")));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("rbac", "identityPrincipalId").GetString()!, "identity", "principalId"));
    }

    /// <summary>(principal, role definition id, scope relative to its provider) of every role assignment the snapshot would make.</summary>
    private static List<(string Principal, string Role, string Scope)> Grants(Snapshot snapshot) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(a =>
        {
            var id = a.GetProperty("id").GetString()!;
            // Evaluated: "<scope>/providers/Microsoft.Authorization/roleAssignments/<guid>"; with a
            // principal known only at deployment: "[extensionResourceId('<scope>', ...)]".
            var scope = id.StartsWith("[extensionResourceId('", StringComparison.Ordinal)
                ? id["[extensionResourceId('".Length..id.IndexOf('\'', "[extensionResourceId('".Length)]
                : id[..id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)];
            var relative = scope[(scope.IndexOf("/providers/", StringComparison.Ordinal) + "/providers/".Length)..];
            var principalId = a.GetProperty("properties").GetProperty("principalId").GetString()!;
            var principal = principalId == Snapshot.OperatorId ? "operator"
                : Snapshot.ReadsResource(principalId, "Microsoft.ManagedIdentity/userAssignedIdentities", "principalId") ? "identity"
                : principalId;
            var role = a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1].TrimEnd(')', ']', '\'');
            return (principal, role, relative);
        }).ToList();
}
