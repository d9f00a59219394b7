// The functions app (functions/, azd service "api") on the Flex Consumption plan, reaching storage,
// Key Vault and Application Insights with its user-assigned managed identity only.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param tableServiceUri string
@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string
@description('Origin of the public pages (the Static Web App, or its custom domain; no trailing slash): the one browser origin allowed to call the API.')
param staticWebsiteOrigin string
param applicationInsightsConnectionString string
@description('URI of the Key Vault that holds the secrets (with its trailing slash).')
param keyVaultUri string
param emailFromAddress string
param staffBootstrapCoordinators string
param complaintReferents string
param rateLimitingTrustedProxies string
param videoBaseUrl string
@description('Flex Consumption instance size.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Without this, Key Vault references would be resolved with a system-assigned identity the app does not have.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: [
          staticWebsiteOrigin
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // .NET 10 isolated worker. The Bicep types take any string here; whether the region's Flex
      // Consumption stack offers 10.0 yet is only known at deployment (az functionapp list-flexconsumption-runtimes).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION itself and refuses them here.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage by identity: no connection string, no key.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // DefaultAzureCredential (Storage__TableServiceUri) picks the user-assigned identity by this.
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      Storage__TableServiceUri: tableServiceUri
      OutboxSchedule: '0 */1 * * * *'
      PurgeSchedule: '0 */15 * * * *'
      Email__FromAddress: emailFromAddress
      // Secrets: Key Vault references, versionless so that a restart picks up a rotated value. An operator
      // sets the secrets (infra/README.md); Bicep never holds their values.
      Email__SendGridApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sendgrid-api-key)'
      PersonalData__ActiveMasterKeyId: 'k1'
      PersonalData__MasterKeys__k1: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/personal-data-master-key-k1)'
      PersonalData__LookupKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/personal-data-lookup-key)'
      // Emailed links and staff access tokens are signed with this key; add k2 and switch the active id to rotate.
      Tokens__ActiveSigningKeyId: 'k1'
      Tokens__SigningKeys__k1: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/token-signing-key-k1)'
      // Emailed links point at the public pages (the staff console, the contract page).
      Site__BaseUrl: staticWebsiteOrigin
      Staff__BootstrapCoordinators: staffBootstrapCoordinators
      Complaints__Referents: complaintReferents
      Cors__AllowedOrigins: staticWebsiteOrigin
      RateLimiting__TrustedProxies: rateLimitingTrustedProxies
      // Calendar invitations of video sessions link to a room under this server.
      Sessions__VideoBaseUrl: videoBaseUrl
    }
  }

  // Deployment goes through the identity (blob container) or Entra ID; no basic-auth publishing.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
