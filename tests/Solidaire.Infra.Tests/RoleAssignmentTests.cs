using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed class RoleAssignmentTests(CompiledMain main)
{
    [Theory]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor", "Microsoft.Storage/storageAccounts", "storageAccountName")]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner", "Microsoft.Storage/storageAccounts", "storageAccountName")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts", "storageAccountName")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", "Microsoft.KeyVault/vaults", "keyVaultName")]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher", "Microsoft.Insights/components", "applicationInsightsName")]
    public void ManagedIdentity_IsGrantedTheRole_OnTheResourceThatNeedsIt(string roleId, string role, string scopeType, string scopeNameParameter)
    {
        var grants = main.Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.String("properties", "roleDefinitionId") == $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleId}')]")
            .Where(a => a.String("properties", "principalId") == "[parameters('identityPrincipalId')]")
            .ToList();

        var grant = Assert.Single(grants);
        Assert.True(grant.Module == "rbac", $"{role} is granted in module '{grant.Module}', not in rbac.bicep.");
        Assert.Equal("ServicePrincipal", grant.String("properties", "principalType"));
        Assert.Equal($"[resourceId('{scopeType}', parameters('{scopeNameParameter}'))]", grant.String("scope"));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("rbac", "identityPrincipalId").GetString()!, "identity", "principalId"));
    }

    [Fact]
    public void RoleAssignments_AllLiveInTheRbacModule()
    {
        var modules = main.Template.OfType("Microsoft.Authorization/roleAssignments").Select(a => a.Module).Distinct();

        Assert.Equal(["rbac"], modules);
    }
}
