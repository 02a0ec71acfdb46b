@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Blob container that Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Tables the app keeps its data in (it also creates them at start-up if missing).')
param tableNames array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Identity only: no account keys, no SAS, no anonymous blobs.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deployment 'containers' = {
      name: deploymentContainerName
    }
  }

  // The Functions app's dispatch queue (DispatchFunction.Queue) and the queue its trigger moves a message to after
  // five failed dequeues. The host would create both on first use; made here, the poison queue is there to watch from
  // the first deployment, and both go with the account.
  resource queueServices 'queueServices' = {
    name: 'default'

    resource dispatchBatches 'queues' = {
      name: 'dispatch-batches'
    }

    resource dispatchBatchesPoison 'queues' = {
      name: 'dispatch-batches-poison'
    }
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource appTables 'tables' = [for table in tableNames: {
      name: table
    }]
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
