// Azure resources for one environment of the Reverse Mentoring Teams app.
//
//   atk provision --env dev           (arm/deploy in teamsapp.yml; parameters: azure.parameters.json)
//   az deployment group create -g <group> -f infra/azure.bicep -p ...   (without the Toolkit)
//
// One Linux App Service runs the bot, the tab and the tab API (Node.js). Every instance serves
// HTTP and bot turns and runs the scheduler; the scheduler claims each job with an
// insert-if-absent row, so scaling out never sends a nudge twice. Announcement fan-out goes
// through a Storage queue that all instances share.
//
// No secrets: the bot signs in to the Bot Connector with a user-assigned managed identity, and
// the same identity reaches Table and Queue Storage through data roles (shared keys are off).
// Tab single sign-on only validates tokens, so its Entra app needs no secret either.
//
// Each output is written back into env/.env.<environment> by the Toolkit under its own name,
// which is why the outputs are named like environment variables.

@description('Short lowercase name for this environment (letters, digits, hyphens): resource names start with it.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('Azure region for everything but the bot registration, which is global.')
param location string = resourceGroup().location

@description('App Service plan size. B1 suits a pilot; P0v3 or larger for thousands of people and for deployment slots.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P1mv3'
])
param appServiceSku string = 'B1'

@description('Number of App Service instances, written as text because the Toolkit fills parameters from env files. Two or more for resilience: B1 allows up to 3, P0v3 up to 30.')
param instanceCount string = '1'

@description('Node.js runtime of the Web App.')
@allowed([
  'NODE|20-lts'
  'NODE|22-lts'
])
param linuxFxVersion string = 'NODE|22-lts'

@description('Client id of the Entra app registration for tab single sign-on (aadApp/create).')
param entraClientId string

@description('Tenant id of that app registration: your Microsoft 365 tenant.')
param entraTenantId string

@description('Entra object ids of the first programme coordinators, comma-separated.')
param coordinatorIds string

@description('The Teams app manifest id (TEAMS_APP_ID): the link to the app people are sent.')
param teamsAppId string = ''

@description('The app id in your organisation\'s Teams app catalog (TEAMS_APP_PUBLISHED_APP_ID once published): installing the app for people through Microsoft Graph. Empty: share the link only. See docs/operations.md, "Reach".')
param teamsAppCatalogId string = ''

@description('Name people see for the bot in the Azure portal.')
param botDisplayName string = 'Reverse Mentoring'

@description('Redundancy of the storage account that holds all programme data.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs and Application Insights telemetry (30 are included in the price).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Service log level.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

@description('Adds a "staging" deployment slot for deploy-then-swap and swap-back recovery (needs S1, P0v3 or larger).')
param enableStagingSlot bool = false

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var names = {
  identity: '${resourceBaseName}-identity'
  plan: '${resourceBaseName}-plan'
  webApp: '${resourceBaseName}-${suffix}'
  bot: '${resourceBaseName}-bot-${suffix}'
  storage: take(toLower('st${replace(resourceBaseName, '-', '')}${suffix}'), 24)
  workspace: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
}
var tags = {
  application: 'reverse-mentoring'
  environment: resourceBaseName
}

// Tables the service uses (TABLE_NAMES in bot/src/store/table-store.ts). Scheduled jobs live in
// one table per day, Jobs{yyyyMMdd}, which the service creates when it first needs one, so the
// identity has data-contributor rights rather than a fixed list.
var tableNames = [
  'Cohorts'
  'Participants'
  'Memberships'
  'ParticipantLinks'
  'Pairs'
  'ConversationRefs'
  'Roles'
  'JobIndex'
  'JobClaims'
  'SchedulerState'
  'PairSpace'
  'DailySends'
  'Events'
  'CalendarFeeds'
  'Announcements'
  'AnnouncementRecipients'
  'AnnouncementIndex'
  'FanoutWorkers'
  'ReachAttempts'
  'MatchingRuns'
  'AuditTrail'
  'ApplicationSettings'
  'Applications'
  'ApplicationSensitive'
  'NextCohortInterest'
  'ApplicationReview'
  'EvaluationPlans'
  'EvaluationResponses'
  'Insights'
  'PrivacySettings'
  'CohortSummaries'
  'Erasures'
]

// Announcement fan-out (FANOUT_QUEUE in bot/src/fanout/fanout-queue.ts): every instance takes
// work from the same queue. The service finds it beside the tables, at the account's queue
// endpoint, with the same identity.
var queueNames = [
  'announcements'
]

// Built-in role definitions: data access only, scoped to this storage account.
var roleIds = {
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

// ---------------------------------------------------------------------------------------------
// Identity: the bot's Microsoft App ID and the service's way into storage
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Monitoring: Log Analytics workspace and workspace-based Application Insights
// ---------------------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: logRetentionDays
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: tables and queues, reached only with Entra identities
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.tableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.tableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.queueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.queueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Compute: Linux App Service plan and the Web App (bot + tab + API in one Node.js service)
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: int(instanceCount)
  }
  properties: {
    reserved: true
  }
}

var siteConfig = {
  linuxFxVersion: linuxFxVersion
  appCommandLine: 'node bot/dist/main.js'
  alwaysOn: true
  healthCheckPath: '/healthz'
  http20Enabled: true
  minTlsVersion: '1.2'
  ftpsState: 'Disabled'
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.webApp
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: siteConfig
  }
}

var webAppHost = webApp.properties.defaultHostName

// Every variable bot/src/config.ts needs in production, and nothing secret: the bot and storage
// use the managed identity (AZURE_CLIENT_ID), tab sign-in only validates tokens.
var appSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: logLevel
  PUBLIC_URL: 'https://${webAppHost}'
  TABLES_ACCOUNT_URL: storage.properties.primaryEndpoints.table
  AZURE_CLIENT_ID: identity.properties.clientId
  BOT_ID: identity.properties.clientId
  BOT_TYPE: 'UserAssignedMSI'
  BOT_TENANT_ID: identity.properties.tenantId
  AUTH_MODE: 'entra'
  ENTRA_CLIENT_ID: entraClientId
  ENTRA_TENANT_ID: entraTenantId
  ENTRA_APP_ID_URI: 'api://${webAppHost}/${entraClientId}'
  COORDINATOR_IDS: coordinatorIds
  SEED_DEMO: 'false'
  SCHEDULER_INTERVAL_SECONDS: '60'
  TEAMS_APP_ID: teamsAppId
  TEAMS_APP_CATALOG_ID: teamsAppCatalogId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: appSettings
  // Start with the data roles in place, so the first health check finds storage reachable.
  dependsOn: [
    tableDataContributor
    queueDataContributor
  ]
}

// The background-work switches stay with their slot on a swap: production keeps running the
// scheduler and the announcement fan-out; the staging slot (a warm copy of the next build)
// never sends a nudge or an announcement (0 turns each off, see bot/src/config.ts).
var backgroundWorkOff = {
  SCHEDULER_INTERVAL_SECONDS: '0'
  ANNOUNCE_POLL_MS: '0'
}

resource slotStickySettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'slotConfigNames'
  properties: {
    appSettingNames: [
      'SCHEDULER_INTERVAL_SECONDS'
      'ANNOUNCE_POLL_MS'
    ]
  }
}

var stagingAppSettings = union(appSettings, backgroundWorkOff)

resource stagingSlot 'Microsoft.Web/sites/slots@2023-12-01' = if (enableStagingSlot) {
  parent: webApp
  name: 'staging'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: siteConfig
  }
}

resource stagingSlotSettings 'Microsoft.Web/sites/slots/config@2023-12-01' = if (enableStagingSlot) {
  parent: stagingSlot
  name: 'appsettings'
  properties: stagingAppSettings
  dependsOn: [
    tableDataContributor
    queueDataContributor
  ]
}

// Console output (the service's JSON log lines), HTTP logs and platform events go to the
// workspace next to Application Insights.
var webAppLogCategories = [
  'AppServiceConsoleLogs'
  'AppServiceHTTPLogs'
  'AppServicePlatformLogs'
]

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      for category in webAppLogCategories: {
        category: category
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot: the registration Teams talks to, signed in as the managed identity
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webAppHost}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
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

// ---------------------------------------------------------------------------------------------
// Outputs: written into env/.env.<environment> by arm/deploy
// ---------------------------------------------------------------------------------------------

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_WEB_APP_NAME string = webApp.name
output BOT_DOMAIN string = webAppHost
output BOT_ENDPOINT string = 'https://${webAppHost}'
output TAB_DOMAIN string = webAppHost
output TAB_ENDPOINT string = 'https://${webAppHost}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_SERVICE_NAME string = bot.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output STORAGE_ACCOUNT_NAME string = storage.name
output TABLES_ACCOUNT_URL string = storage.properties.primaryEndpoints.table
output QUEUES_ACCOUNT_URL string = storage.properties.primaryEndpoints.queue
output APPLICATION_INSIGHTS_NAME string = insights.name
output LOG_ANALYTICS_WORKSPACE_ID string = workspace.properties.customerId
