using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed class FunctionAppTests(CompiledMain main)
{
    private ArmResource Site => main.Template.Single("Microsoft.Web/sites");

    [Fact]
    public void FunctionApp_RunsOnTheFlexConsumptionPlan()
    {
        var plan = main.Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.String("sku", "name"));
        Assert.Equal("FlexConsumption", plan.String("sku", "tier"));
        Assert.Equal($"[resourceId('Microsoft.Web/serverfarms', {plan.Name.Trim('[', ']')})]", Site.String("properties", "serverFarmId"));
        Assert.Equal("functionapp,linux", Site.String("kind"));
    }

    [Fact]
    public void FunctionApp_RunsTheDotnetIsolatedWorkerOnDotnet10()
    {
        var runtime = Site.Properties.At("functionAppConfig", "runtime");

        Assert.Equal("dotnet-isolated", runtime.At("name").GetString());
        Assert.Equal("10.0", runtime.At("version").GetString());
    }

    [Fact]
    public void FunctionApp_HasOnlyTheUserAssignedIdentity()
    {
        Assert.Equal("UserAssigned", Site.String("identity", "type"));
        var identities = Site.Json.At("identity", "userAssignedIdentities").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], identities);
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "identityId").GetString()!, "identity", "id"));
    }

    [Fact]
    public void FunctionApp_FetchesItsDeploymentPackageWithTheManagedIdentity()
    {
        var storage = Site.Properties.At("functionAppConfig", "deployment", "storage");

        Assert.Equal("blobContainer", storage.At("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.At("authentication", "type").GetString());
        Assert.Equal("[parameters('identityId')]", storage.At("authentication", "userAssignedIdentityResourceId").GetString());
        Assert.Equal(JsonValueKind.Undefined, storage.At("authentication", "storageAccountConnectionStringName").ValueKind);
    }

    [Fact]
    public void FunctionApp_ResolvesKeyVaultReferencesAndAzureCredentialsWithItsUserAssignedIdentity()
    {
        // Without keyVaultReferenceIdentity, App Service would use a system-assigned identity the app does not have.
        Assert.Equal("[parameters('identityId')]", Site.String("properties", "keyVaultReferenceIdentity"));
        // DefaultAzureCredential (Storage__TableServiceUri) picks a user-assigned identity by AZURE_CLIENT_ID.
        Assert.True(Snapshot.ReadsResource(AppSettings.Get(AppSettings.Of(main.Snapshot), "AZURE_CLIENT_ID"), "Microsoft.ManagedIdentity/userAssignedIdentities", "clientId"));
    }

    [Fact]
    public void FunctionApp_IsTheAzdApiService()
    {
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', 'api'))]", Site.String("tags"));
    }

    [Fact]
    public void FunctionApp_AcceptsBrowserCallsOnlyFromThePagesOrigin_AndLinksThere()
    {
        var origins = Site.Properties.At("siteConfig", "cors", "allowedOrigins").EnumerateArray().Select(o => o.GetString()).ToList();

        Assert.Equal(["[parameters('staticWebsiteOrigin')]"], origins);
        var settings = AppSettings.Of(main.Snapshot);
        Assert.True(Snapshot.ReadsResource(AppSettings.Get(settings, "Cors__AllowedOrigins"), "Microsoft.Web/staticSites", "defaultHostname"));
        Assert.True(Snapshot.ReadsResource(AppSettings.Get(settings, "Site__BaseUrl"), "Microsoft.Web/staticSites", "defaultHostname"));
        // The Static Web App's origin (its custom domain when there is one), no longer the storage account's.
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "staticWebsiteOrigin").GetString()!, "web", "origin"));
    }

    [Fact]
    public void FunctionApp_IsHttpsOnlyWithoutBasicAuthPublishing()
    {
        Assert.Equal(JsonValueKind.True, Site.Properties.At("httpsOnly").ValueKind);
        Assert.Equal("Disabled", Site.String("properties", "siteConfig", "ftpsState"));
        var policies = main.Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Equal(JsonValueKind.False, p.Properties.At("allow").ValueKind));
    }

    [Fact]
    public void FunctionApp_StartsOnlyAfterItsRolesAreGranted()
    {
        Assert.Contains("rbac", main.Template.DependenciesOf("api"));
    }

    [Fact]
    public void FunctionApp_SendsTelemetryWithEntraIdNotAnInstrumentationKey()
    {
        var settings = AppSettings.Of(main.Snapshot);
        var insights = main.Template.Single("Microsoft.Insights/components");

        Assert.Equal(JsonValueKind.True, insights.Properties.At("DisableLocalAuth").ValueKind);
        var authentication = AppSettings.Get(settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD', ", authentication, StringComparison.Ordinal);
        Assert.True(Snapshot.ReadsResource(authentication, "Microsoft.ManagedIdentity/userAssignedIdentities", "clientId"));
        Assert.True(ArmTemplate.ReadsModuleOutput(
            main.Template.ModuleParameter("api", "applicationInsightsConnectionString").GetString()!, "monitoring", "applicationInsightsConnectionString"));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    public void FunctionApp_LeavesToFlexConsumptionTheSettingsItRefuses(string setting)
    {
        Assert.DoesNotContain(setting, AppSettings.Of(main.Snapshot).Keys);
    }
}
