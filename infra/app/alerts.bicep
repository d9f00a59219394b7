// What wakes a person: one action group (email), and an alert for each way the app can fail someone
// without anybody noticing. What to do for each alert: README, "Operations".
param namePrefix string
param location string
param tags object
@description('Who is told (at least one address).')
@minLength(1)
param alertEmails string[]
param applicationInsightsName string
param functionAppName string
@description('Monthly budget of the resource group, in the billing currency.')
@minValue(1)
param budgetAmount int
@description('First day of the budget\'s first month (yyyy-MM-01). Azure refuses to change it later: infra/hooks/preprovision.sh records it once.')
param budgetStartDate string
@description('The API\'s origin (https://host, no trailing slash): the availability test asks <origin>/api/health.')
param apiOrigin string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'solidaire'
    enabled: true
    emailReceivers: [for (email, i) in alertEmails: {
      name: 'email-${i}'
      emailAddress: email
      useCommonAlertSchema: true
    }]
  }
}

// Log alerts over Application Insights (its classic tables: traces, exceptions, customMetrics). Each
// query returns a row only when something is wrong; one row is enough.
var logAlerts = [
  {
    name: 'worker-start-failure'
    displayName: 'Solidaire: the worker cannot start'
    description: 'The app refused a setting at start ("Solidaire cannot start: ...", Program.cs) or the Functions host could not start or keep the .NET worker. Nothing is served. README, Operations: read the line, mend the setting or the secret, run azd provision.'
    severity: 0
    query: 'union traces, exceptions | extend text = strcat(message, " ", outerMessage) | where text has "Solidaire cannot start" or text has "Failed to start a new language worker" or text has "Exceeded language worker restart retry count" or text has "A host error has occurred during startup"'
  }
  {
    name: 'emails-failed'
    displayName: 'Solidaire: emails failed for good'
    description: 'An email refused for good: solidaire.emails.failed with reason permanent (the provider refused it) or configuration (SendGrid refuses the key or the sender: no email leaves), or the outbox\'s "failed for good" line (transient failures past Email__MaxAttempts; each transient attempt alone is not alerted). Its row: Status "failed" in the dossier; the coordinators\' queue shows it. README, Operations.'
    severity: 2
    query: 'union (customMetrics | where name == "solidaire.emails.failed" and tostring(customDimensions.reason) != "transient" | summarize failed = sum(valueSum)), (traces | where message has "failed for good" | summarize failed = todouble(count())) | summarize failed = sum(failed) | where failed > 0'
  }
  {
    name: 'deadlines-parked'
    displayName: 'Solidaire: deadlines parked'
    description: 'solidaire.deadlines.parked counted at least one deadline parked after Deadlines__MaxAttempts (its row moved under "parked|" in the Deadlines table): a destruction, a reminder or an index that needs a person. README, Operations.'
    severity: 1
    query: 'customMetrics | where name == "solidaire.deadlines.parked" | summarize parked = sum(valueSum) | where parked > 0'
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in logAlerts: {
  name: 'alert-${alert.name}-${namePrefix}'
  location: location
  tags: tags
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

// Answers 5xx from the functions app (a storage outage answers 503 storage_unavailable; a bug, 500
// internal_error with a correlationId in the log).
resource http5xxAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-http-5xx-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'The functions app answered 5xx more than 5 times in 5 minutes. README, Operations.'
    severity: 1
    enabled: true
    scopes: [
      functionApp.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 5
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// GET /api/health from three EU test locations every 5 minutes: 200 when the worker runs and storage
// answers (its probe is cached 5 s, and the route is not rate limited).
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'webtest-health-${namePrefix}'
  location: location
  // The portal and the alert find the test's component by this tag.
  tags: union(tags, {
    'hidden-link:${applicationInsights.id}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'webtest-health-${namePrefix}'
    Name: 'Solidaire /api/health'
    Description: 'The API answers 200 on /api/health.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'emea-fr-pra-edge' } // France Central
      { Id: 'emea-nl-ams-azr' } // West Europe
      { Id: 'emea-gb-db3-azr' } // North Europe
    ]
    Request: {
      RequestUrl: '${apiOrigin}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
      FollowRedirects: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource availabilityAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-availability-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: '/api/health failed from 2 of 3 test locations. README, Operations.'
    severity: 0
    enabled: true
    scopes: [
      healthTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// The resource group's monthly cost: told at 80 % spent and when the month is forecast to exceed it.
resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: 'budget-${namePrefix}'
  properties: {
    category: 'Cost'
    amount: budgetAmount
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: budgetStartDate
    }
    notifications: {
      actualOver80Percent: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 80
        thresholdType: 'Actual'
        contactEmails: alertEmails
        contactGroups: [
          actionGroup.id
        ]
      }
      forecastOver100Percent: {
        enabled: true
        operator: 'GreaterThan'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: alertEmails
        contactGroups: [
          actionGroup.id
        ]
      }
    }
  }
}

output actionGroupId string = actionGroup.id
