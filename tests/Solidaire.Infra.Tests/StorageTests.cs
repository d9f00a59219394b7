using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed class StorageTests(CompiledMain main)
{
    private ArmResource Account => main.Template.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void StorageAccount_IsLockedAgainstDeletion()
    {
        var locks = main.Template.OfType("Microsoft.Authorization/locks");
        var guard = Assert.Single(locks);
        Assert.Equal("CanNotDelete", guard.String("properties", "level"));
        Assert.Contains("storageAccounts", guard.String("scope") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Location_IsRestrictedToEuropeanUnionRegions()
    {
        string[] eu = ["francecentral", "westeurope", "northeurope", "germanywestcentral", "swedencentral", "italynorth", "polandcentral", "spaincentral"];
        var allowed = main.Template.Root.At("parameters", "location", "allowedValues").EnumerateArray().Select(v => v.GetString()!).ToArray();

        Assert.NotEmpty(allowed);
        Assert.All(allowed, region => Assert.Contains(region, eu));
    }

    [Fact]
    public void StorageAccount_RefusesSharedKeyAccess()
    {
        Assert.Equal(JsonValueKind.False, Account.Properties.At("allowSharedKeyAccess").ValueKind);
    }

    [Fact]
    public void StorageAccount_AllowsNoAnonymousBlobAccess()
    {
        Assert.Equal(JsonValueKind.False, Account.Properties.At("allowBlobPublicAccess").ValueKind);
        var container = main.Template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", container.String("properties", "publicAccess"));
    }

    [Fact]
    public void StorageAccount_IsStorageV2OverHttpsOnlyWithTls12()
    {
        Assert.Equal("StorageV2", Account.String("kind"));
        Assert.Equal(JsonValueKind.True, Account.Properties.At("supportsHttpsTrafficOnly").ValueKind);
        Assert.Equal("TLS1_2", Account.String("properties", "minimumTlsVersion"));
    }

    [Theory]
    [InlineData("AccountKey")]
    [InlineData("DefaultEndpointsProtocol")]
    [InlineData("SharedAccessSignature")]
    [InlineData("listKeys(")]
    [InlineData("listAccountSas(")]
    [InlineData("listServiceSas(")]
    public void Template_HoldsNoStorageKeyNorKeyBasedConnectionString(string keyMaterial)
    {
        Assert.DoesNotContain(keyMaterial, main.Template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FunctionsHost_ReachesStorageWithTheManagedIdentity()
    {
        var settings = AppSettings.Of(main.Template);

        // "AzureWebJobsStorage" alone would be a connection string; the __ form is identity-based.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", AppSettings.Get(settings, "AzureWebJobsStorage__credential"));
        Assert.Equal("[parameters('storageAccountName')]", AppSettings.Get(settings, "AzureWebJobsStorage__accountName"));
        Assert.Equal("[parameters('identityClientId')]", AppSettings.Get(settings, "AzureWebJobsStorage__clientId"));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "identityClientId").GetString()!, "identity", "clientId"));
    }

    [Fact]
    public void TableServiceUri_IsTheAccountTableEndpoint()
    {
        var settings = AppSettings.Of(main.Template);

        Assert.Equal("[parameters('tableServiceUri')]", AppSettings.Get(settings, "Storage__TableServiceUri"));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "tableServiceUri").GetString()!, "storage", "tableEndpoint"));
        Assert.Matches(@"\.primaryEndpoints\.table\]$", main.Template.OutputValue("storage", "tableEndpoint"));
    }

    [Fact]
    public void StorageAccount_ServesNothingToThePublic_ItsOutputsAreForTheAppOnly()
    {
        // The pages moved to Static Web Apps: no static website shares the account with the personal-data tables.
        var outputs = main.Template.TemplateOf("storage").GetProperty("outputs").EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["blobEndpoint", "name", "tableEndpoint"], outputs);
    }
}
