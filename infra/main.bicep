targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags every resource.')
param environmentName string

// The regions where the Flex Consumption plan (FC1) is generally available; in any other the plan fails to create,
// late in the deployment. This list is the one place they are named. Source: the Functions team's list in its azd
// quickstart (Azure-Samples/functions-quickstart-dotnet-azd, infra/main.bicep, updated May 2025) less its EUAP canary
// region. To update it, run `az functionapp list-flexconsumption-locations --query "[].name" -o tsv`, put the names
// it prints here (programmatic names, lower case, as azd compares them), and run `dotnet test`.
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    // azd's region prompt then offers only the allowed regions.
    type: 'location'
  }
})
@minLength(1)
@description('Azure region for every resource; one where Flex Consumption is available.')
param location string

@description('Object id of the principal running azd (a user, or a service principal in CI); empty for none.')
param principalId string = ''

// ARM refuses a role assignment whose principalType does not match the principal (UnmatchedPrincipalType). azd 1.17.1
// and later fill AZURE_PRINCIPAL_TYPE from the login (User, or ServicePrincipal for a client id); older azd leave it
// unset, and main.parameters.json falls back to User.
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('What kind of principal principalId is.')
param principalType string = 'User'

// Every five seconds keeps one Flex Consumption instance busy around the clock; a longer period lets the app scale to
// zero between passes, and a message is then sent up to one period (plus a cold start) after it falls due. README,
// Azure Functions, has the trade-off; change it with `azd env set DISPATCH_SCHEDULE "<6-field NCRONTAB>"`.
@minLength(11) // '* * * * * *', the shortest 6-field expression: an empty value would keep Dispatch from loading.
@description('When the Dispatch timer looks for due messages: a 6-field NCRONTAB expression, seconds first.')
param dispatchSchedule string = '*/5 * * * * *'

@secure()
@description('SendGrid API key. Optional: without it the app runs with sending disabled and says so at start-up.')
param sendGridApiKey string = ''

@description('Verified SendGrid sender address; required for sending.')
param sendGridFromEmail string = 'followup@example.com'

@description('Sender display name, also the company name templates show.')
param sendGridFromName string = 'FollowUp'

@description('The SendGrid Event Webhook\'s verification key (Signed Event Webhook), base64. Optional: without it /webhooks/sendgrid takes nothing.')
param sendGridWebhookPublicKey string = ''

// main.parameters.json passes $(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} link-signing-key): azd reads the key
// back from this environment's vault as the deploying principal, and generates a new one only when there is no vault
// or secret yet (404). The vault is in RBAC mode, so that read needs a data-plane role: app/rbac.bicep gives the
// deploying principal Key Vault Secrets User on the vault. Without it the first deployment works and every later one
// stops on 403.
@secure()
@description('Key that signs customers\' links. azd generates it on the first deployment and reads it back from the vault on every later one, so links in sent emails keep working across deployments.')
param linkSigningKey string

// main.parameters.json passes $(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} api-key), as for the link-signing key:
// generated on the first deployment, read back on every later one, so callers' keys keep working.
@secure()
@description('The API key FollowUp makes for this deployment (FollowUp:ApiKeys:default). azd generates it on the first deployment and reads it back from the vault on every later one.')
param apiKey string

// Optional sign-in with Microsoft Entra ID for people (the console), besides keys. README, "Sign in with Microsoft
// Entra ID (optional)", says how to make the app registration; `azd env set ENTRA_CLIENT_ID <client id>` turns it on.
@description('Client id of an Entra ID app registration users sign in to; empty (the default) for none: only keys reach the API, and no built-in authentication is deployed.')
param entraClientId string = ''

@description('Tenant of that app registration; by default the tenant of the deployment.')
param entraTenantId string = tenant().tenantId

@minLength(1)
@description('The app role (its value in the app registration) a signed-in user needs to call the API.')
param entraRole string = 'FollowUp.Console'

var abbreviations = {
  resourceGroup: 'rg-'
  identity: 'id-'
  storage: 'st'
  logAnalytics: 'log-'
  applicationInsights: 'appi-'
  keyVault: 'kv-'
  plan: 'plan-'
  functionApp: 'func-'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbreviations.functionApp}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var tablePrefix = 'FollowUp'
var tableNames = [for table in ['Events', 'Customers', 'Rules', 'Templates', 'Messages', 'Schedule', 'Suppressions', 'Coupons', 'Changes', 'Reports', 'Webhooks', 'WebhookDeliveries', 'Alerts', 'Audit']: '${tablePrefix}${table}']

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbreviations.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: '${abbreviations.identity}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: '${abbreviations.storage}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    tableNames: tableNames
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbreviations.logAnalytics}${resourceToken}'
    applicationInsightsName: '${abbreviations.applicationInsights}${resourceToken}'
    location: location
    tags: tags
  }
}

// The vault's name is new for each life of the environment and stable within it. `azd down` without --purge leaves
// the vault soft-deleted, holding its name for the retention period; a name made of subscription, environment name and
// location alone would make the next `azd up` fail on it. The app's identity is created with the environment and
// deleted with it, and gets a new object id when created again, so its id tells one life from the next. Re-deploying a
// live environment keeps the identity, so the name (and the link-signing key azd reads back from the vault) stays.
module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: '${abbreviations.keyVault}${uniqueString(resourceToken, identity.outputs.principalId)}'
    location: location
    tags: tags
    linkSigningKey: linkSigningKey
    sendGridApiKey: sendGridApiKey
    apiKey: apiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: resourceGroup
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module function 'app/function.bicep' = {
  name: 'function'
  scope: resourceGroup
  dependsOn: [rbac]
  params: {
    name: functionAppName
    planName: '${abbreviations.plan}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    linkSigningKeySecretName: keyVault.outputs.linkSigningKeySecretName
    sendGridApiKeySecretName: keyVault.outputs.sendGridApiKeySecretName
    sendingEnabled: !empty(sendGridApiKey)
    sendGridFromEmail: sendGridFromEmail
    sendGridFromName: sendGridFromName
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
    tablePrefix: tablePrefix
    dispatchSchedule: dispatchSchedule
    apiKeySecretName: keyVault.outputs.apiKeySecretName
    entraEnabled: !empty(entraClientId)
    entraRole: entraRole
  }
}

// Only with an app registration: without one nothing about the built-in authentication is deployed.
module auth 'app/auth.bicep' = if (!empty(entraClientId)) {
  name: 'auth'
  scope: resourceGroup
  params: {
    functionAppName: function.outputs.name
    clientId: entraClientId
    tenantId: entraTenantId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output SERVICE_API_ENDPOINT string = 'https://${function.outputs.defaultHostName}'
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output CONSOLE_URL string = 'https://${function.outputs.defaultHostName}/console'
