// Every role of the app's managed identity, each at the narrowest scope that works, and the
// operator's one optional role. Role ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
param identityPrincipalId string
param storageAccountName string
@description('The Functions host\'s containers (storage.bicep): the only blobs the host writes.')
param hostContainerNames string[]
@description('The Flex Consumption deployment package container.')
param deploymentContainerName string
param keyVaultName string
param applicationInsightsName string
@description('Object id of the operator running azd; empty: no operator role.')
param operatorPrincipalId string = ''
@description('Whether the operator gets Key Vault Secrets Officer (the postprovision hook creates the keys with it).')
param operatorSecretsAccess bool = true

var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deploymentContainer 'containers' existing = {
      name: deploymentContainerName
    }
  }
}

resource hostContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for container in hostContainerNames: {
  parent: storage::blobService
  name: container
}]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The app's tables (Storage__TableServiceUri), which it creates at start with its prefix, and the
// host's diagnostic events table (AzureWebJobsStorage): the table role cannot be narrowed to tables
// that do not exist yet. It gives no blob, queue or file access.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, 'Storage Table Data Contributor')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The host's blobs (timer status and locks, keys), on its two containers only: the role Microsoft
// documents for identity-based AzureWebJobsStorage, without the rest of the account.
resource hostBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (container, i) in hostContainerNames: {
  name: guid(hostContainers[i].id, identityPrincipalId, 'Storage Blob Data Owner')
  scope: hostContainers[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// The deployment package: on Flex Consumption the platform writes the package azd publishes into this
// container with the app's identity (functionAppConfig.deployment.storage), and the app reads it at
// start, so reading alone is not enough. Contributor, not Owner: no ACLs to manage.
resource deploymentBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deploymentContainer.id, identityPrincipalId, 'Storage Blob Data Contributor')
  scope: storage::blobService::deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault references in the app settings. The vault holds only this app's secrets.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, 'Key Vault Secrets User')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Telemetry with Entra ID (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), local auth being off.
resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, 'Monitoring Metrics Publisher')
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The operator's one role: the postprovision hook (infra/hooks/secrets.sh) creates the keys and reads
// their versions with it; with access policies off, owning the subscription is not enough. Once the
// keys exist, it can go (README: Operations). principalType is left out: azd's principal may be a
// user or a service principal.
resource operatorKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId) && operatorSecretsAccess) {
  name: guid(vault.id, operatorPrincipalId, 'Key Vault Secrets Officer')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
  }
}
