using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

/// <summary>The public pages (web/) on Azure Static Web Apps: the resource, its plan, region and domain, and what points at it.</summary>
[Collection(CompiledMainCollection.Name)]
public sealed class StaticWebAppTests(CompiledMain main)
{
    private ArmResource Site => main.Template.Single("Microsoft.Web/staticSites");

    [Fact]
    public void Pages_AreAStaticWebApp_TheAzdWebService()
    {
        Assert.Equal("web", Site.Module);
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', 'web'))]", Site.String("tags"));
        // Deployed by azd with the deployment token, not built from a linked repository; no preview copies.
        Assert.Equal("Custom", Site.String("properties", "provider"));
        Assert.Equal("Disabled", Site.String("properties", "stagingEnvironmentPolicy"));
    }

    [Fact]
    public void Plan_IsFreeOrStandard_AParameterThatDefaultsToFree()
    {
        var sku = main.Template.Root.At("parameters", "webSku");

        Assert.Equal("Free", sku.At("defaultValue").GetString());
        Assert.Equal(["Free", "Standard"], sku.At("allowedValues").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("[parameters('webSku')]", main.Template.ModuleParameter("web", "sku").GetString());
        Assert.Equal("[parameters('sku')]", Site.String("sku", "name"));
        Assert.Equal("[parameters('sku')]", Site.String("sku", "tier"));
    }

    [Fact]
    public void Region_IsWestEurope_TheOneStaticWebAppsRegionInTheEuropeanUnion()
    {
        Assert.Equal("westeurope", main.Template.ModuleParameter("web", "location").GetString());
        var allowed = main.Template.TemplateOf("web").At("parameters", "location", "allowedValues").EnumerateArray().Select(v => v.GetString());
        Assert.Equal(["westeurope"], allowed);
    }

    [Fact]
    public void CustomDomain_IsOptional_AndWhenSetIsThePagesOrigin()
    {
        var domain = main.Template.Single("Microsoft.Web/staticSites/customDomains");

        Assert.Equal("[not(empty(parameters('customDomain')))]", domain.String("condition"));
        Assert.Equal("", main.Template.Root.At("parameters", "webCustomDomain", "defaultValue").GetString());
        Assert.Equal("[parameters('webCustomDomain')]", main.Template.ModuleParameter("web", "customDomain").GetString());
        Assert.Equal(
            "[format('https://{0}', if(empty(parameters('customDomain')), reference(resourceId('Microsoft.Web/staticSites', parameters('name')), '2024-04-01').defaultHostname, parameters('customDomain')))]",
            main.Template.OutputValue("web", "origin"));
    }

    [Fact]
    public void MainBicep_OutputsTheDefaultHostname_AndThePagesOrigin()
    {
        var outputs = main.Template.Root.GetProperty("outputs");

        Assert.Matches(@"\.defaultHostname\]$", main.Template.OutputValue("web", "defaultHostname"));
        Assert.True(ArmTemplate.ReadsModuleOutput(outputs.At("STATIC_WEB_APP_DEFAULT_HOSTNAME", "value").GetString()!, "web", "defaultHostname"));
        Assert.True(ArmTemplate.ReadsModuleOutput(outputs.At("SERVICE_WEB_URI", "value").GetString()!, "web", "origin"));
        Assert.True(ArmTemplate.ReadsModuleOutput(outputs.At("SERVICE_WEB_NAME", "value").GetString()!, "web", "name"));
        Assert.Equal(JsonValueKind.Undefined, outputs.At("STATIC_WEBSITE_URL").ValueKind);
    }
}
