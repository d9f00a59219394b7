// Logs and telemetry. Local (key-based) ingestion is off: the app's identity sends telemetry with
// Entra ID (Monitoring Metrics Publisher, rbac.bicep).
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object
@description('Days Log Analytics keeps logs and telemetry (30 is included in the price; personal data never reaches logs).')
@minValue(30)
@maxValue(730)
param retentionInDays int
@description('Most GB Log Analytics ingests a day before it stops until the next day (a runaway log cannot run up the bill); -1: no cap.')
param dailyQuotaGb int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsId string = applicationInsights.id
// Not a secret: with local authentication disabled it only says where to send telemetry.
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
