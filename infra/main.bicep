// Solidaire in Azure: Functions on Flex Consumption, Storage (tables, deployment package), the public
// pages on Static Web Apps, Key Vault, Application Insights, one user-assigned managed identity and no shared keys.
// Shape after Azure-Samples/functions-quickstart-dotnet-azd, with plain resources instead of
// registry modules so that `bicep build` and `bicep lint` run offline. See README.md beside this file.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique resource token.')
param environmentName string

@description('Azure region of every resource: one in the European Union (the collective is French, and personal data stays in the EU) that offers the Flex Consumption plan.')
@allowed([
  'francecentral'
  'westeurope'
  'northeurope'
  'germanywestcentral'
  'swedencentral'
  'italynorth'
  'polandcentral'
  'spaincentral'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Sender address of every email the app sends (Email__FromAddress); the SendGrid account must accept it.')
@minLength(3)
param emailFromAddress string

@description('Email addresses of the first coordinators, comma-separated (Staff__BootstrapCoordinators).')
@minLength(3)
param staffBootstrapCoordinators string

@description('Email addresses of the ethics referents, comma-separated (Complaints__Referents): every complaint about a member goes there, never to the member concerned.')
@minLength(3)
param complaintReferents string

@description('IPs or CIDR ranges, comma-separated, whose X-Forwarded-For the app believes (RateLimiting__TrustedProxies). The Functions host forwards requests to the worker over loopback, so loopback must be trusted or every client would share one limit.')
param rateLimitingTrustedProxies string = '127.0.0.1,::1'

@description('The collective\'s video service (e.g. its Jitsi server): each video session gets its own unguessable room under it.')
param videoBaseUrl string = 'https://meet.jit.si'

@description('Plan of the Static Web App that serves the public pages (web/).')
@allowed([
  'Free'
  'Standard'
])
param webSku string = 'Free'

@description('Custom domain of the public pages (e.g. www.example.org), or empty for the Static Web App\'s own hostname. When set, it is the pages\' origin: the API\'s CORS origin and the base of emailed links. Create its CNAME to the default hostname first.')
param webCustomDomain string = ''

@description('Object id of the person or pipeline running azd (azd sets AZURE_PRINCIPAL_ID). It gets Key Vault Secrets Officer when operatorSecretsAccess is true. Empty: none.')
param principalId string = ''

@description('Whether the operator (principalId) gets Key Vault Secrets Officer, which infra/hooks/postprovision.sh needs to create the keys and read their versions. Once every key exists and its version is recorded, set false (README, Operations) and remove the assignment.')
param operatorSecretsAccess bool = true

@description('Ids of the personal-data master keys, comma-separated (secret personal-data-master-key-<id> each; the postprovision hook creates a missing one). Keep an old id until RewrapDataKeys has re-wrapped every data key under the active one.')
param personalDataMasterKeyIds string = 'k1'

@description('The master key that wraps new data keys: one of personalDataMasterKeyIds.')
param personalDataActiveMasterKeyId string = 'k1'

@description('Ids of the token signing keys, comma-separated (secret token-signing-key-<id> each; the postprovision hook creates a missing one). Every one verifies; keep an old id until its tokens have expired.')
param tokenSigningKeyIds string = 'k1'

@description('The key that signs new tokens: one of tokenSigningKeyIds.')
param tokenActiveSigningKeyId string = 'k1'

@description('Pinned secret versions, "<secret name>=<version>" comma-separated, written by infra/hooks/postprovision.sh (azd env SECRET_VERSIONS). A secret without one is referenced without a version.')
param secretVersions string = ''

@description('Email addresses told by every alert and by the budget, comma-separated.')
@minLength(3)
param alertEmails string

@description('Monthly budget of the resource group, in the billing currency.')
@minValue(1)
param budgetAmount int = 30

@description('First day of the budget\'s first month (yyyy-MM-01), recorded once by infra/hooks/preprovision.sh: Azure refuses to change a budget\'s start date.')
param budgetStartDate string

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Most GB of logs a day (ingestion stops until the next day past it); -1: no cap.')
param logDailyCapGb int = 1

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-api-${resourceToken}'
var keyIds = {
  master: map(split(personalDataMasterKeyIds, ','), id => trim(id))
  token: map(split(tokenSigningKeyIds, ','), id => trim(id))
}
// "name=version,name=version" as an object; entries without "=" are ignored.
var pinnedSecretVersions = toObject(
  filter(map(split(secretVersions, ','), entry => trim(entry)), entry => contains(entry, '=')),
  entry => split(entry, '=')[0],
  entry => split(entry, '=')[1]
)
// One container per app for the Flex Consumption deployment package, as the quickstart names it.
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentStorageContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyCapGb
  }
}

module web 'app/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    // Static Web Apps is not offered in every region the API may be in; see app/web.bicep.
    location: 'westeurope'
    tags: tags
    sku: webSku
    customDomain: webCustomDomain
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    hostContainerNames: storage.outputs.hostContainerNames
    deploymentContainerName: deploymentStorageContainerName
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    operatorPrincipalId: principalId
    operatorSecretsAccess: operatorSecretsAccess
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    tableServiceUri: storage.outputs.tableEndpoint
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentStorageContainerName}'
    staticWebsiteOrigin: web.outputs.origin
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    emailFromAddress: emailFromAddress
    staffBootstrapCoordinators: staffBootstrapCoordinators
    complaintReferents: complaintReferents
    rateLimitingTrustedProxies: rateLimitingTrustedProxies
    videoBaseUrl: videoBaseUrl
    personalDataMasterKeyIds: keyIds.master
    personalDataActiveMasterKeyId: personalDataActiveMasterKeyId
    tokenSigningKeyIds: keyIds.token
    tokenActiveSigningKeyId: tokenActiveSigningKeyId
    secretVersions: pinnedSecretVersions
  }
  // The host reads storage and the Key Vault references with the identity: grant first, then start.
  dependsOn: [
    rbac
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: resourceToken
    location: location
    tags: tags
    alertEmails: map(split(alertEmails, ','), email => trim(email))
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    functionAppName: api.outputs.name
    apiOrigin: api.outputs.uri
    budgetAmount: budgetAmount
    budgetStartDate: budgetStartDate
  }
}

// Read by azd (and by infra/hooks/stage-web.sh and postprovision.sh, which azd runs with these in its environment).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output SERVICE_WEB_NAME string = web.outputs.name
output SERVICE_WEB_URI string = web.outputs.origin
output STATIC_WEB_APP_DEFAULT_HOSTNAME string = web.outputs.defaultHostname
// The key ids in force and the recorded secret versions, read by infra/hooks/postprovision.sh.
output PERSONAL_DATA_MASTER_KEY_IDS string = join(keyIds.master, ',')
output PERSONAL_DATA_ACTIVE_MASTER_KEY_ID string = personalDataActiveMasterKeyId
output TOKEN_SIGNING_KEY_IDS string = join(keyIds.token, ',')
output TOKEN_ACTIVE_SIGNING_KEY_ID string = tokenActiveSigningKeyId
output SECRET_VERSIONS string = secretVersions
