// The vault of the app's secrets. Bicep creates no secret values: an operator sets them once with
// `az keyvault secret set` (see infra/README.md). The app reads them through Key Vault references.
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC roles (rbac.bicep), never by access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted key is recoverable for 90 days and cannot be purged early: losing the personal-data
    // master key would make every client's data unreadable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
