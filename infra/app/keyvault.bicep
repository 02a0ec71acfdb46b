@description('Name of the Key Vault.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@secure()
@description('Key that signs customers\' answer and unsubscribe links.')
param linkSigningKey string

@secure()
@description('SendGrid API key; empty to run with sending disabled.')
param sendGridApiKey string

@secure()
@description('The API key FollowUp makes for this deployment (FollowUp:ApiKeys:default).')
param apiKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource signingKey 'secrets' = {
    name: 'link-signing-key'
    properties: {
      value: linkSigningKey
    }
  }

  resource api 'secrets' = {
    name: 'api-key'
    properties: {
      value: apiKey
    }
  }

  resource sendGrid 'secrets' = if (!empty(sendGridApiKey)) {
    name: 'sendgrid-api-key'
    properties: {
      value: sendGridApiKey
    }
  }
}

output id string = vault.id
output name string = vault.name
output linkSigningKeySecretName string = vault::signingKey.name
output sendGridApiKeySecretName string = 'sendgrid-api-key'
output apiKeySecretName string = vault::api.name
