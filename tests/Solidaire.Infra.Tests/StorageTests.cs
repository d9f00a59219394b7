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
        var containers = main.Snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal(3, containers.Count); // the deployment package and the host's two
        Assert.All(containers, c => Assert.Equal("None", c.At("properties", "publicAccess").GetString()));
    }

    [Fact]
    public void HostContainers_ArePreCreated_SoThatTheHostNeedsNoRoleOnTheAccount()
    {
        var names = main.Snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => c.GetProperty("name").GetString()!.Split('/')[^1])
            .ToList();

        Assert.Contains("azure-webjobs-hosts", names);
        Assert.Contains("azure-webjobs-secrets", names);
    }

    [Fact]
    public void StorageAccount_DeclaresNoQueueService()
    {
        // No queue or blob trigger: the host uses no queue, and the identity has no queue role.
        Assert.Empty(main.Template.OfType("Microsoft.Storage/storageAccounts/queueServices"));
        Assert.DoesNotContain(Directory.GetFiles(Repository.PathOf("functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText), code => code.Contains("QueueTrigger", StringComparison.Ordinal) || code.Contains("BlobTrigger", StringComparison.Ordinal));
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
        var settings = AppSettings.Of(main.Snapshot);

        // "AzureWebJobsStorage" alone would be a connection string; the __ form is identity-based.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", AppSettings.Get(settings, "AzureWebJobsStorage__credential"));
        Assert.Equal(main.Snapshot.Output("AZURE_STORAGE_ACCOUNT_NAME"), AppSettings.Get(settings, "AzureWebJobsStorage__accountName"));
        Assert.True(Snapshot.ReadsResource(AppSettings.Get(settings, "AzureWebJobsStorage__clientId"), "Microsoft.ManagedIdentity/userAssignedIdentities", "clientId"));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "identityClientId").GetString()!, "identity", "clientId"));
    }

    [Fact]
    public void TableServiceUri_IsTheAccountTableEndpoint()
    {
        var settings = AppSettings.Of(main.Snapshot);

        Assert.True(Snapshot.ReadsResource(AppSettings.Get(settings, "Storage__TableServiceUri"), "Microsoft.Storage/storageAccounts", "primaryEndpoints.table"));
        Assert.True(ArmTemplate.ReadsModuleOutput(main.Template.ModuleParameter("api", "tableServiceUri").GetString()!, "storage", "tableEndpoint"));
        Assert.Matches(@"\.primaryEndpoints\.table\]$", main.Template.OutputValue("storage", "tableEndpoint"));
    }

    [Fact]
    public void StorageAccount_ServesNothingToThePublic_ItsOutputsAreForTheAppOnly()
    {
        // The pages moved to Static Web Apps: no static website shares the account with the personal-data tables.
        var outputs = main.Template.TemplateOf("storage").GetProperty("outputs").EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal);

        // hostContainerNames: the containers the app's identity is given a role on (rbac.bicep).
        Assert.Equal(["blobEndpoint", "hostContainerNames", "name", "tableEndpoint"], outputs);
    }
}
