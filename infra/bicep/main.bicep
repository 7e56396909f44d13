// The MMM pipeline in Azure: the Azure Functions app (functions/Mmm.Functions) as a container on Azure
// Container Apps, on a serverless GPU workload profile, with identity-only access to its storage account.
//
//   storage account (no shared keys)  mmm-input / mmm-output / mmm-work (+ the Durable task hub's queues,
//                                      tables and lease containers, created by the runtime)
//   Log Analytics + Application Insights
//   Container Apps environment         workload profiles: Consumption + one serverless GPU profile
//   function app (kind functionapp)    system-assigned identity, GPU profile, scales to zero
//   RBAC                               Blob Data Owner, Queue and Table Data Contributor for the app
//   Event Grid system topic            BlobCreated in mmm-input -> the BlobStarter function's webhook;
//                                      plan requests in mmm-output -> the PlanRequestStarter function's webhook
//
// The event subscription needs the function's blobs_extension system key, which exists only once the
// app runs: deploy once with blobsExtensionKey empty (no subscription), fetch the key, deploy again
// with it (infra/README.md).

targetScope = 'resourceGroup'

@description('Azure region. Serverless GPUs exist only in some regions and need quota (infra/README.md).')
param location string = resourceGroup().location

@description('Short prefix of every resource name (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'mmm'

@description('The serverless GPU workload profile the function app runs on.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Container image of the function app, e.g. myregistry.azurecr.io/mmm-functions:gpu (infra/docker/Dockerfile.gpu).')
param image string

@description('Name of an Azure Container Registry in this resource group that holds the image; empty for a public image.')
param registryName string = ''

@description('Durable Functions task hub name (letters and digits, 3 to 45): one per environment, never shared.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'mmmprod'

@description('Most replicas (each holds one GPU while it runs).')
@minValue(1)
@maxValue(10)
param maxReplicas int = 1

@description('The BlobStarter blobs_extension system key, fetched after the first deployment; empty skips the Event Grid subscription.')
@secure()
param blobsExtensionKey string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageAccountName = take('${namePrefix}${suffix}', 24)
// The pipeline's containers; the app reads them as MMM_*_CONTAINER app settings (its blob trigger's path is
// %MMM_INPUT_CONTAINER%/{name}), and the Event Grid subscription filters on the input container.
var inputContainer = 'mmm-input'
var outputContainer = 'mmm-output'
var workContainer = 'mmm-work'
var containerNames = [
  inputContainer
  outputContainer
  workContainer
]
var gpuProfileName = 'gpu'
// What one replica gets on each serverless GPU profile (one GPU per replica).
var gpuReplicaResources = {
  'Consumption-GPU-NC8as-T4': {
    cpu: json('8.0')
    memory: '56Gi'
  }
  'Consumption-GPU-NC24-A100': {
    cpu: json('24.0')
    memory: '220Gi'
  }
}
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}
var storageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]
var useRegistry = !empty(registryName)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource containerAppsEnv 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: '${namePrefix}-env-${suffix}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    // A GPU profile can only be added when the environment is created.
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: gpuProfileName
        workloadProfileType: gpuProfileType
      }
    ]
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (useRegistry) {
  name: registryName
}

// Pulls the image: a user-assigned identity, so that AcrPull is granted before the app first starts.
resource pullIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useRegistry) {
  name: '${namePrefix}-pull-${suffix}'
  location: location
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useRegistry) {
  name: guid(resourceGroup().id, registryName, '${namePrefix}-pull-${suffix}', roleIds.acrPull)
  scope: registry
  properties: {
    principalId: pullIdentity!.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.acrPull)
  }
}

// 2025-07-01: the first GA version whose type definition has 'kind' (2025-01-01 lacks it: BCP187).
resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: '${namePrefix}-func-${suffix}'
  location: location
  kind: 'functionapp'
  identity: useRegistry
    ? {
        type: 'SystemAssigned,UserAssigned'
        userAssignedIdentities: {
          '${pullIdentity.id}': {}
        }
      }
    : {
        type: 'SystemAssigned'
      }
  dependsOn: [
    acrPull
  ]
  properties: {
    managedEnvironmentId: containerAppsEnv.id
    workloadProfileName: gpuProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: useRegistry
        ? [
            {
              server: '${registryName}${environment().suffixes.acrLoginServer}'
              identity: pullIdentity.id
            }
          ]
        : []
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: image
          resources: gpuReplicaResources[gpuProfileType]
          env: [
            {
              name: 'FUNCTIONS_WORKER_RUNTIME'
              value: 'dotnet-isolated'
            }
            {
              name: 'FUNCTIONS_EXTENSION_VERSION'
              value: '~4'
            }
            // Identity-based host storage: no connection string, no account key anywhere.
            {
              name: 'AzureWebJobsStorage__blobServiceUri'
              value: storage.properties.primaryEndpoints.blob
            }
            {
              name: 'AzureWebJobsStorage__queueServiceUri'
              value: storage.properties.primaryEndpoints.queue
            }
            {
              name: 'AzureWebJobsStorage__tableServiceUri'
              value: storage.properties.primaryEndpoints.table
            }
            {
              name: 'AzureWebJobsStorage__credential'
              value: 'managedidentity'
            }
            // Function keys (the blobs_extension and durabletask_extension system keys) in the
            // Container Apps secret store rather than in the (key-less) storage account.
            {
              name: 'AzureWebJobsSecretStorageType'
              value: 'containerapp'
            }
            {
              name: 'TASKHUB_NAME'
              value: taskHubName
            }
            {
              name: 'MMM_INPUT_CONTAINER'
              value: inputContainer
            }
            {
              name: 'MMM_OUTPUT_CONTAINER'
              value: outputContainer
            }
            {
              name: 'MMM_WORK_CONTAINER'
              value: workContainer
            }
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: insights.properties.ConnectionString
            }
          ]
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
      }
    }
  }
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, app.id, roleId)
    scope: storage
    properties: {
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource blobEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${namePrefix}-blobevents-${suffix}'
  location: location
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// BlobCreated in the input container -> the blob extension's webhook, which runs BlobStarter (Source = EventGrid).
resource blobStarterSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (!empty(blobsExtensionKey)) {
  parent: blobEvents
  name: 'mmm-input-to-blobstarter'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.configuration.ingress.fqdn}/runtime/webhooks/blobs?functionName=Host.Functions.BlobStarter&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${inputContainer}/'
      subjectEndsWith: '.parquet'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

// Plan requests dropped next to a finished run ({dataset}/{run id}/plans/{name}.json in the output container) -> PlanRequestStarter.
// The plan's own files sit one folder deeper and also match; the function skips them (PlanInputs.IsRequest).
resource planStarterSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (!empty(blobsExtensionKey)) {
  parent: blobEvents
  name: 'mmm-output-plans-to-planrequeststarter'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.configuration.ingress.fqdn}/runtime/webhooks/blobs?functionName=Host.Functions.PlanRequestStarter&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${outputContainer}/'
      subjectEndsWith: '.json'
      advancedFilters: [
        {
          operatorType: 'StringContains'
          key: 'subject'
          values: [
            '/plans/'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output storageAccountName string = storage.name
output appName string = app.name
output appFqdn string = app.properties.configuration.ingress.fqdn
output systemTopicName string = blobEvents.name
output taskHubName string = taskHubName
