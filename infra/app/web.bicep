// The public pages (web/, azd service "web") on Azure Static Web Apps: served with the headers of
// web/staticwebapp.config.json (CSP, frame-ancestors 'none', nosniff, no-referrer, HSTS), which the
// storage account's static website could not send, and in a resource of their own, apart from the
// personal-data tables. azd deploys them with the site's deployment token (the SWA CLI): no
// repository, no build, no data-plane role for the operator.
param name string

// Static Web Apps offers only a few regions for the resource itself (westus2, centralus, eastus2,
// westeurope, eastasia): West Europe is the one in the European Union. The pages hold no personal
// data: they are files served from the edge, and every form posts straight to the API (the
// functions app, in the deployment's own EU region); nothing a person types passes through here.
@allowed([
  'westeurope'
])
param location string
param tags object

@description('Free (enough for these pages) or Standard (SLA, private endpoints, more custom domains).')
@allowed([
  'Free'
  'Standard'
])
param sku string

@description('Custom domain of the pages (e.g. www.example.org), or empty. Its CNAME must point at the default hostname before provisioning: the platform validates it when the domain is added.')
param customDomain string

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'web'
  })
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    // Content comes from `azd deploy` (deployment token), not from a linked repository's workflow.
    provider: 'Custom'
    // Pull-request preview environments would be further public copies of the pages: none.
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

resource domain 'Microsoft.Web/staticSites/customDomains@2024-04-01' = if (!empty(customDomain)) {
  parent: site
  name: customDomain
  properties: {}
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
// The origin the pages are visited at (a browser's Origin header: scheme and host, no trailing slash):
// the API's one allowed CORS origin and the base of every emailed link.
output origin string = 'https://${empty(customDomain) ? site.properties.defaultHostname : customDomain}'
