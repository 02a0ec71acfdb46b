@description('Name of the storage account the app uses.')
param storageAccountName string

@description('Name of the Application Insights component the app reports to.')
param applicationInsightsName string

@description('Name of the Key Vault holding the app\'s secrets.')
param keyVaultName string

@description('Principal id of the app\'s managed identity.')
param appPrincipalId string

@description('Object id of the principal running azd; empty for none.')
param deployerPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('What kind of principal deployerPrincipalId is; a role assignment with the wrong kind is refused.')
param deployerPrincipalType string = 'User'

// Data access for local runs is for people (a user, or a group of them); a CI service principal needs none.
var deployerRunsLocally = !empty(deployerPrincipalId) && deployerPrincipalType != 'ServicePrincipal'

// Built-in role definition ids.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

var storageRoles = [storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Storage Blob Data Owner (deployment package, host state), Storage Queue Data Contributor (host; the dispatch-batches
// queue, which the timer writes and DispatchBatch reads, deletes and moves to its poison queue, through the DispatchQueue
// connection as this identity), Storage Table Data Contributor (FollowUp's tables) for the app's identity, on the account.
resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, appPrincipalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Monitoring Metrics Publisher: identity-based ingestion into Application Insights (local auth is off).
resource appMonitoring 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets User: resolves the Key Vault references in the app settings.
resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets User for the deploying principal, user or service principal: azd reads the link-signing key back
// from the vault at provision time (secretOrRandomPassword in main.parameters.json). Read only; the deployment itself
// writes secrets through Azure Resource Manager, which needs no data-plane role.
resource deployerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

// The same storage roles for the deploying user, so the self-host can run against the deployed account.
resource deployerStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: if (deployerRunsLocally) {
  name: guid(storage.id, deployerPrincipalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}]

// Monitoring Metrics Publisher for the deploying user, so a local self-host can report to the same component.
resource deployerMonitoring 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (deployerRunsLocally) {
  name: guid(applicationInsights.id, deployerPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}
