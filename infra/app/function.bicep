@description('Name of the function app.')
param name string

@description('Name of its Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources; the app also gets the azd service tag.')
param tags object

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Blob container the app package is deployed from.')
param deploymentContainerName string

@description('Application Insights connection string (no secret: ingestion needs the identity, local auth is off).')
param applicationInsightsConnectionString string

@description('Name of the Key Vault holding the secrets.')
param keyVaultName string

@description('Secret name of the link-signing key.')
param linkSigningKeySecretName string

@description('Secret name of the SendGrid API key.')
param sendGridApiKeySecretName string

@description('Whether a SendGrid key was given; without one the app runs with sending disabled and says so.')
param sendingEnabled bool

@description('Verified sender address for SendGrid.')
param sendGridFromEmail string

@description('Sender display name.')
param sendGridFromName string

@description('The SendGrid Event Webhook\'s verification key, or empty when the webhook is not set up.')
param sendGridWebhookPublicKey string

@description('Prefix of the app\'s table names.')
param tablePrefix string

@description('When the Dispatch timer runs: a 6-field NCRONTAB expression, seconds first.')
param dispatchSchedule string

@description('Secret name of the API key FollowUp makes for this deployment.')
param apiKeySecretName string

@description('Whether users signed in with Entra ID through the built-in authentication (app/auth.bicep) may call the API.')
param entraEnabled bool

@description('The app role a signed-in user needs.')
param entraRole string

@description('Largest number of instances Flex Consumption may scale out to.')
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
param instanceMemoryMB int = 2048

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

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
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
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}'

var baseSettings = {
  // The Functions host's own storage, by identity.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // The connection named DispatchQueue in the Dispatch timer's queue output and the DispatchBatch trigger: the same
  // account and identity as the host's, under its own name so the queue could move without touching the host's storage.
  DispatchQueue__queueServiceUri: queueEndpoint
  DispatchQueue__credential: 'managedidentity'
  DispatchQueue__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The Dispatch timer's schedule; the function reads it as %DispatchSchedule%.
  DispatchSchedule: dispatchSchedule
  // FollowUp's settings (see README, Configuration); secrets come from Key Vault references.
  FollowUp__Storage__TableServiceUri: tableEndpoint
  FollowUp__Storage__ManagedIdentityClientId: identityClientId
  FollowUp__Storage__TablePrefix: tablePrefix
  FollowUp__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
  FollowUp__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${linkSigningKeySecretName})'
  // The /api functions are anonymous to the Functions host and FollowUp checks the caller (so that a user signed in
  // with Entra ID can reach them), so the keys are FollowUp's: this one, named default, and any more set as
  // FollowUp__ApiKeys__<name>. A function key is not one of them.
  FollowUp__ApiKeys__default: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${apiKeySecretName})'
  FollowUp__SendGrid__FromEmail: sendGridFromEmail
  FollowUp__SendGrid__FromName: sendGridFromName
  // Without a SendGrid key, messages are written here instead of sent (and the app says so at start-up).
  FollowUp__SendGrid__OutboxPath: '/tmp/followup-outbox'
}

var sendGridSettings = sendingEnabled ? {
  FollowUp__SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}/secrets/${sendGridApiKeySecretName})'
} : {}

// A public key, not a secret: it only verifies what SendGrid signed.
var webhookSettings = empty(sendGridWebhookPublicKey) ? {} : {
  FollowUp__SendGrid__WebhookPublicKey: sendGridWebhookPublicKey
}

// Read by FollowUp.Http.AuthOptions; FollowUp takes a signed-in user only while the platform's WEBSITE_AUTH_ENABLED
// also says the built-in authentication is on.
var entraSettings = entraEnabled ? {
  FollowUp__Auth__EntraEnabled: 'true'
  FollowUp__Auth__EntraRole: entraRole
} : {}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(baseSettings, sendGridSettings, webhookSettings, entraSettings)
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
