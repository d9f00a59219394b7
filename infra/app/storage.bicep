// One StorageV2 account: the app's tables, the host's blobs and queues and the Flex Consumption
// deployment package. No static website: the public pages are on Static Web Apps (web.bicep), so
// nothing in this account is served to the public.
param name string
param location string
param tags object
param deploymentContainerName string

// What the Functions host writes with identity-based AzureWebJobsStorage and no blob or queue trigger:
// azure-webjobs-hosts (timer status, singleton locks) and azure-webjobs-secrets (keys). No queue is used.
var hostContainerNames = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // Identity only: no account key, no SAS signed with a key, anywhere.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }

    // The Functions host's own containers (AzureWebJobsStorage): timer schedule status and locks, and
    // the host and function keys. Made here so that the app's identity needs a role on these two
    // containers only (rbac.bicep), not the right to create containers anywhere in the account.
    resource hostContainers 'containers' = [for container in hostContainerNames: {
      name: container
      properties: {
        publicAccess: 'None'
      }
    }]
  }

  // The app creates its own tables (Storage__TablePrefix + Dossiers, Deadlines, IntakeQueue) at start.
  resource tableService 'tableServices' = {
    name: 'default'
  }

}

// The account holds every personal record and its keys' wrapped forms: deleting it by mistake (a
// resource group removed, a wrong `azd down`) would lose what the collective must keep (contract
// evidence for 5 years). The lock must be lifted on purpose first.
resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: '${name}-cannot-delete'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the collective\'s personal records and the contract evidence it must keep; lift this lock on purpose before deleting.'
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output hostContainerNames string[] = hostContainerNames
