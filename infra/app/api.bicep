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
@description('Ids of the personal-data master keys the app holds (secret personal-data-master-key-<id> each); old ids stay until RewrapDataKeys has moved every data key off them.')
param personalDataMasterKeyIds string[]
@description('The master key that wraps new data keys; one of personalDataMasterKeyIds.')
param personalDataActiveMasterKeyId string
@description('Ids of the token signing keys (secret token-signing-key-<id> each); every one verifies.')
param tokenSigningKeyIds string[]
@description('The key that signs new tokens; one of tokenSigningKeyIds.')
param tokenActiveSigningKeyId string
@description('Secret versions by secret name, recorded by infra/hooks/secrets.sh: a reference to a secret listed here names that version; any other secret is referenced without a version.')
param secretVersions object
// 512 MB, the smallest Flex size: the worker's peak resident set under a burst of 400 intakes, 32 at a
// time, was 206 and 210 MiB in two runs in standalone mode (scripts/measure-memory.sh), leaving the rest to the Functions host.
@description('Flex Consumption instance size.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 512
param maximumInstanceCount int = 40

// A Key Vault reference to a secret, pinned to its recorded version when there is one. infra/hooks/secrets.sh
// writes the same text with `az functionapp config appsettings set`, so that the next provision changes nothing.
func keyVaultReference(vaultUri string, secret string, versions object) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secret}${empty(versions[?secret] ?? '') ? '' : '/${versions[secret]}'})'

// One setting per key id: rotating is a parameter change (main.bicep), never a setting added by hand
// that the next `azd provision` would take away.
var masterKeySettings = toObject(
  personalDataMasterKeyIds,
  id => 'PersonalData__MasterKeys__${id}',
  id => keyVaultReference(keyVaultUri, 'personal-data-master-key-${id}', secretVersions)
)
var tokenKeySettings = toObject(
  tokenSigningKeyIds,
  id => 'Tokens__SigningKeys__${id}',
  id => keyVaultReference(keyVaultUri, 'token-signing-key-${id}', secretVersions)
)

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
    properties: union({
      // Host storage by identity: no connection string, no key.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // DefaultAzureCredential (Storage__TableServiceUri) picks the user-assigned identity by this.
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      Storage__TableServiceUri: tableServiceUri
      // The catch-up of the prompt lane (emails, indexing, link expiry, lapse): every email already
      // leaves right after its request, so an idle app wakes every 5 minutes, not every minute; the
      // quarter hours are shared with the purge, so one warm instance runs both.
      OutboxSchedule: '0 */5 * * * *'
      PurgeSchedule: '0 */15 * * * *'
      Email__FromAddress: emailFromAddress
      // Secrets: Key Vault references, pinned to the versions infra/hooks/secrets.sh recorded (the hook
      // creates the keys before the app's code is deployed); Bicep never holds their values.
      Email__SendGridApiKey: keyVaultReference(keyVaultUri, 'sendgrid-api-key', secretVersions)
      PersonalData__ActiveMasterKeyId: personalDataActiveMasterKeyId
      PersonalData__LookupKey: keyVaultReference(keyVaultUri, 'personal-data-lookup-key', secretVersions)
      // Emailed links and staff access tokens are signed with the active key; every listed key verifies.
      Tokens__ActiveSigningKeyId: tokenActiveSigningKeyId
      // Emailed links point at the public pages (the staff console, the contract page).
      Site__BaseUrl: staticWebsiteOrigin
      Staff__BootstrapCoordinators: staffBootstrapCoordinators
      Complaints__Referents: complaintReferents
      Cors__AllowedOrigins: staticWebsiteOrigin
      RateLimiting__TrustedProxies: rateLimitingTrustedProxies
      // Calendar invitations of video sessions link to a room under this server.
      Sessions__VideoBaseUrl: videoBaseUrl
    }, masterKeySettings, tokenKeySettings)
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
