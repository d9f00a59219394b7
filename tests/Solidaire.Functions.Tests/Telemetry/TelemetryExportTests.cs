using Azure.Identity;
using Solidaire.Functions.Telemetry;

namespace Solidaire.Functions.Tests.Telemetry;

/// <summary>
/// The Azure Monitor exporter reads APPLICATIONINSIGHTS_CONNECTION_STRING itself but not the
/// authentication string the infra sets for the managed identity: the app turns that into the credential.
/// </summary>
public sealed class TelemetryExportTests
{
    [Theory]
    [InlineData("ClientId=3f1c0d2e-0000-4000-8000-000000000001;Authorization=AAD", null)]
    [InlineData("Authorization=AAD;ClientId=3f1c0d2e-0000-4000-8000-000000000001", null)]
    [InlineData("Authorization=AAD", "3f1c0d2e-0000-4000-8000-000000000001")]
    [InlineData(" authorization = aad ", null)]
    public void AnAuthenticationStringAskingForEntraId_GivesTheManagedIdentity(string authentication, string? clientId) =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryExport.CredentialFor(authentication, clientId));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "3f1c0d2e-0000-4000-8000-000000000001")]
    [InlineData("ClientId=3f1c0d2e-0000-4000-8000-000000000001", null)]
    public void WithoutEntraId_NoCredential_TheConnectionStringsKeyAlone(string? authentication, string? clientId) =>
        Assert.Null(TelemetryExport.CredentialFor(authentication, clientId));
}
