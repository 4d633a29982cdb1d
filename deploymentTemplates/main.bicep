// De-escalation practice bot: App Service (Linux, Node 20) + Azure Bot (Teams, Web Chat, Direct Line)
// + a storage account for conversation state, progress and transcripts + a Key Vault for the secrets.
// azuredeploy.json is this template as ARM JSON (kept in step by hand; tests/deployment checks they match).
targetScope = 'resourceGroup'

@description('Azure region of the web app, storage and Key Vault (the bot resource itself is global).')
param location string = resourceGroup().location

@description('Base name: the web app is <appName>.azurewebsites.net, the bot resource is <appName>-bot.')
@minLength(3)
@maxLength(40)
param appName string = 'deesc-${uniqueString(resourceGroup().id)}'

@description('App Service plan SKU. Basic or higher: alwaysOn and more than one instance need it.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Number of web app instances. More than one is safe: state is in the shared blob container.')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

@description('Bot identity type. MultiTenant bots can no longer be created.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param msaAppType string = 'SingleTenant'

@description('Application (client) id of the Entra app registration, or the client id of the user-assigned identity.')
param microsoftAppId string

@description('Client secret of the app registration (SingleTenant). Leave empty for UserAssignedMSI.')
@secure()
param microsoftAppPassword string = ''

@description('Entra tenant of the app registration.')
param microsoftAppTenantId string = subscription().tenantId

@description('Resource id of the user-assigned managed identity (UserAssignedMSI only).')
param userAssignedIdentityResourceId string = ''

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Language the bot starts in.')
@allowed([
  'nl'
  'en'
])
param defaultLang string = 'nl'

@description('Keep conversation transcripts (in the <blobContainer>-transcripts container) for retentionDays.')
param keepTranscripts bool = false

@description('Keep session scores (progress) per user.')
param keepScores bool = true

@description('Days transcripts and scores are kept.')
@minValue(1)
@maxValue(3650)
param retentionDays int = 90

@description('Blob container for bot state (3-63 lower-case letters, digits, hyphens).')
@minLength(3)
@maxLength(51)
param blobContainer string = 'bot-state'

@description('Secret of the bot\'s Direct Line channel, for the web chat page. Empty on the first deployment; see README.')
@secure()
param directLineSecret string = ''

@description('Serve the projector view of group demos (/demo/<room>, an unguessable link per room). Works with any instanceCount: rooms and their changes travel through the shared blob container (DEMO_FEED=store).')
param enableProjector bool = false

@description('info or debug.')
@allowed([
  'info'
  'debug'
])
param logLevel string = 'info'

var suffix = uniqueString(resourceGroup().id, appName)
var storageAccountName = 'st${suffix}'
var keyVaultName = 'kv${suffix}'
var botName = '${appName}-bot'
var transcriptContainer = '${blobContainer}-transcripts'
// Built-in role "Key Vault Secrets User".
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var isSingleTenant = msaAppType == 'SingleTenant'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: blobContainer
  properties: {
    publicAccess: 'None'
  }
}

resource transcriptsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: transcriptContainer
  properties: {
    publicAccess: 'None'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource blobConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'blob-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (isSingleTenant) {
  parent: keyVault
  name: 'microsoft-app-password'
  properties: {
    value: microsoftAppPassword
  }
}

resource directLineSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(directLineSecret)) {
  parent: keyVault
  name: 'directline-secret'
  properties: {
    value: directLineSecret
  }
}

resource appServicePlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${appName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: msaAppType == 'UserAssignedMSI'
    ? {
        type: 'SystemAssigned, UserAssigned'
        userAssignedIdentities: {
          '${userAssignedIdentityResourceId}': {}
        }
      }
    : {
        type: 'SystemAssigned'
      }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    // No ARR affinity: any instance may take any turn; the shared blob state and eTag retries keep turns whole.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/healthz'
    }
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The settings src/config.ts reads. Secrets are Key Vault references, resolved by the app's identity.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [
    keyVaultSecretsUser
    blobConnectionStringSecret
    appPasswordSecret
    directLineSecretSecret
    stateContainer
    transcriptsContainer
  ]
  properties: {
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
    MicrosoftAppType: msaAppType
    MicrosoftAppId: microsoftAppId
    MicrosoftAppPassword: isSingleTenant ? '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=microsoft-app-password)' : ''
    MicrosoftAppTenantId: microsoftAppTenantId
    DEFAULT_LANG: defaultLang
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    EMBEDDED_DIRECTLINE: 'false'
    PROJECTOR: string(enableProjector)
    DEMO_FEED: 'store'
    DIRECTLINE_SECRET: empty(directLineSecret) ? '' : '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=directline-secret)'
    LOG_LEVEL: logLevel
    LOG_MESSAGE_TEXT: 'false'
    KEEP_TRANSCRIPTS: string(keepTranscripts)
    KEEP_SCORES: string(keepScores)
    RETENTION_DAYS: string(retentionDays)
    STORAGE: 'blob'
    BLOB_CONNECTION_STRING: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=blob-connection-string)'
    BLOB_CONTAINER: blobContainer
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: appName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: msaAppType
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? userAssignedIdentityResourceId : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

output webAppName string = webApp.name
output webAppUrl string = 'https://${webApp.properties.defaultHostName}'
output messagingEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'
output botName string = bot.name
output storageAccountName string = storageAccount.name
output keyVaultName string = keyVault.name
