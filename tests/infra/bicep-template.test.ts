import { FANOUT_QUEUE } from '../../bot/src/features/announcements/fanout/queue/fanout-queue';
import { TABLE_NAMES } from '../../bot/src/platform/storage/table-store';
import {
  bracketProblems,
  literalString,
  loadBicep,
  objectEntries,
  resourceObject,
  resourceProperty,
  symbolProblems,
  type BicepModel,
  type BicepResource,
} from './bicep-model';
import { placeholdersIn, readRepoFile } from './toolkit-model';

const bicep = loadBicep();

function resourcesOfType(model: BicepModel, type: string): BicepResource[] {
  return [...model.resources.values()].filter((r) => r.type === type);
}

function onlyResource(model: BicepModel, type: string): BicepResource {
  const found = resourcesOfType(model, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** String items of an array literal written one item a line, e.g. a `var` list of names. */
function arrayItems(expr: string): string[] {
  return expr
    .replace(/^\[|\]$/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function resolveStringItems(items: string[]): string[] {
  return items.map((item) => {
    const literal = literalString(item);
    if (literal !== undefined) return literal;
    const variable = literalString(bicep.vars.get(item));
    if (variable !== undefined) return variable;
    const interpolated = /^'\$\{(\w+)\}(.*)'$/.exec(item);
    if (interpolated) return `${literalString(bicep.vars.get(interpolated[1]!))}${interpolated[2]}`;
    return item;
  });
}

describe('infra/azure.bicep', () => {
  it('is well formed: brackets balance, every symbol it uses is declared and used', () => {
    expect(bracketProblems(bicep.source)).toEqual([]);
    expect(symbolProblems(bicep)).toEqual([]);
  });

  it('runs the service on a Linux App Service plan that can scale out', () => {
    const plan = onlyResource(bicep, 'Microsoft.Web/serverfarms');
    expect(resourceProperty(plan, 'kind')).toBe("'linux'");
    expect(resourceProperty(plan, 'properties.reserved')).toBe('true');
    expect(resourceProperty(plan, 'sku.name')).toBe('appServiceSku');
    // Instance count is a parameter, not a constant, and nothing caps it at one.
    expect(resourceProperty(plan, 'sku.capacity')).toBe('int(instanceCount)');
    const instances = bicep.params.get('instanceCount')!;
    expect(instances.decorators.join('\n')).not.toMatch(/@maxValue\(1\)|@allowed/);
    const skus = bicep.params.get('appServiceSku')!.decorators.join('\n');
    for (const sku of ['B1', 'P0v3']) expect(skus).toContain(`'${sku}'`);
  });

  it('serves only HTTPS from Node 20 LTS, always on, health-checked at /healthz', () => {
    const site = onlyResource(bicep, 'Microsoft.Web/sites');
    expect(resourceProperty(site, 'kind')).toBe("'app,linux'");
    expect(resourceProperty(site, 'properties.httpsOnly')).toBe('true');
    expect(resourceProperty(site, 'properties.clientAffinityEnabled')).toBe('false');
    const siteConfig = objectEntries(bicep.vars.get('siteConfig')!);
    expect(resourceProperty(site, 'properties.siteConfig')).toBe('siteConfig');
    expect(siteConfig.get('alwaysOn')).toBe('true');
    expect(literalString(siteConfig.get('healthCheckPath'))).toBe('/healthz');
    expect(literalString(siteConfig.get('minTlsVersion'))).toBe('1.2');
    expect(literalString(siteConfig.get('ftpsState'))).toBe('Disabled');
    expect(siteConfig.get('linuxFxVersion')).toBe('linuxFxVersion');
    expect(literalString(bicep.params.get('linuxFxVersion')!.defaultExpr)).toBe('NODE|22-lts');
    // The command package.json's "start" runs, from the staged package's root.
    const start = JSON.parse(readRepoFile('package.json')).scripts.start as string;
    expect(literalString(siteConfig.get('appCommandLine'))).toBe(start);
  });

  it('registers an Azure Bot signed in as the user-assigned managed identity, with the Teams channel', () => {
    const bot = onlyResource(bicep, 'Microsoft.BotService/botServices');
    expect(resourceProperty(bot, 'properties.msaAppType')).toBe("'UserAssignedMSI'");
    expect(resourceProperty(bot, 'properties.msaAppId')).toBe('identity.properties.clientId');
    expect(resourceProperty(bot, 'properties.msaAppMSIResourceId')).toBe('identity.id');
    expect(resourceProperty(bot, 'properties.msaAppTenantId')).toBe('identity.properties.tenantId');
    expect(resourceProperty(bot, 'properties.endpoint')).toBe(
      "'https://${webAppHost}/api/messages'",
    );
    expect(bicep.vars.get('webAppHost')).toBe('webApp.properties.defaultHostName');
    const channel = onlyResource(bicep, 'Microsoft.BotService/botServices/channels');
    expect(resourceProperty(channel, 'parent')).toBe('bot');
    expect(resourceProperty(channel, 'properties.channelName')).toBe("'MsTeamsChannel'");
    const identity = onlyResource(bicep, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    expect(identity.symbol).toBe('identity');
  });

  it('keeps storage private to Entra identities: TLS 1.2, no public blobs, no shared keys', () => {
    const storage = onlyResource(bicep, 'Microsoft.Storage/storageAccounts');
    const expected: Record<string, string> = {
      minimumTlsVersion: "'TLS1_2'",
      allowBlobPublicAccess: 'false',
      allowSharedKeyAccess: 'false',
      supportsHttpsTrafficOnly: 'true',
      defaultToOAuthAuthentication: 'true',
    };
    for (const [key, value] of Object.entries(expected)) {
      expect([key, resourceProperty(storage, `properties.${key}`)]).toEqual([key, value]);
    }
    expect(bicep.source).not.toMatch(/listKeys\(|AccountKey=/);
  });

  it('creates every fixed table the service uses, and leaves the per-day Jobs tables to the service', () => {
    const tables = onlyResource(bicep, 'Microsoft.Storage/storageAccounts/tableServices/tables');
    expect(tables.body).toMatch(/^\[\s*for tableName in tableNames:/);
    const declared = resolveStringItems(arrayItems(bicep.vars.get('tableNames')!));
    const fixed = Object.values(TABLE_NAMES).filter((name) => name !== TABLE_NAMES.jobs);
    expect([...declared].sort()).toEqual([...fixed].sort());
    expect(declared).not.toContain(TABLE_NAMES.jobs);
  });

  it('creates the queue announcements fan out through, shared by every instance', () => {
    const queues = onlyResource(bicep, 'Microsoft.Storage/storageAccounts/queueServices/queues');
    expect(queues.body).toMatch(/^\[\s*for queueName in queueNames:/);
    const declared = resolveStringItems(arrayItems(bicep.vars.get('queueNames')!));
    expect(declared).toEqual([FANOUT_QUEUE]);
  });

  it('grants the identity only the Table and Queue data-contributor roles, on the storage account', () => {
    const roleIds = objectEntries(bicep.vars.get('roleIds')!);
    const expected = new Map([
      ['0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', 'Storage Table Data Contributor'],
      ['974c5e8b-45b9-4653-ba55-5f855dd0fb88', 'Storage Queue Data Contributor'],
    ]);
    const assignments = resourcesOfType(bicep, 'Microsoft.Authorization/roleAssignments');
    expect(assignments).toHaveLength(expected.size);
    const granted = assignments.map((assignment) => {
      expect(resourceProperty(assignment, 'scope')).toBe('storage');
      expect(resourceProperty(assignment, 'properties.principalId')).toBe(
        'identity.properties.principalId',
      );
      const definition = resourceProperty(assignment, 'properties.roleDefinitionId') ?? '';
      const key = /roleIds\.(\w+)\)$/.exec(definition)?.[1] ?? '';
      return expected.get(literalString(roleIds.get(key)) ?? '');
    });
    expect(granted.sort()).toEqual([...expected.values()].sort());
  });

  it('sends telemetry to workspace-based Application Insights and logs to Log Analytics', () => {
    const workspace = onlyResource(bicep, 'Microsoft.OperationalInsights/workspaces');
    const insights = onlyResource(bicep, 'Microsoft.Insights/components');
    expect(resourceProperty(insights, 'properties.WorkspaceResourceId')).toBe(
      `${workspace.symbol}.id`,
    );
    const settings = objectEntries(bicep.vars.get('appSettings')!);
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      `${insights.symbol}.properties.ConnectionString`,
    );
    const diagnostics = onlyResource(bicep, 'Microsoft.Insights/diagnosticSettings');
    expect(resourceProperty(diagnostics, 'scope')).toBe('webApp');
    expect(resourceObject(diagnostics)).toContain(`workspaceId: ${workspace.symbol}.id`);
    expect(bicep.vars.get('webAppLogCategories')).toContain("'AppServiceConsoleLogs'");
  });

  it('keeps nudges and announcements off in the staging slot, and those settings with their slot', () => {
    const sticky = [...bicep.resources.values()].find(
      (r) =>
        r.type === 'Microsoft.Web/sites/config' &&
        literalString(resourceProperty(r, 'name')) === 'slotConfigNames',
    );
    const stickyNames = (resourceProperty(sticky!, 'properties.appSettingNames') ?? '')
      .replace(/^\[|\]$/g, '')
      .split('\n')
      .map((line) => literalString(line.trim()))
      .filter(Boolean);
    const off = objectEntries(bicep.vars.get('backgroundWorkOff')!);
    expect([...off.keys()].sort()).toEqual(['ANNOUNCE_POLL_MS', 'SCHEDULER_INTERVAL_SECONDS']);
    for (const value of off.values()) expect(literalString(value)).toBe('0');
    expect(stickyNames.sort()).toEqual([...off.keys()].sort());
    expect(bicep.vars.get('stagingAppSettings')).toBe('union(appSettings, backgroundWorkOff)');
    const slotSettings = onlyResource(bicep, 'Microsoft.Web/sites/slots/config');
    expect(resourceProperty(slotSettings, 'properties')).toBe('stagingAppSettings');
    // Production runs both: the scheduler on, the fan-out worker at its default (on).
    const settings = objectEntries(bicep.vars.get('appSettings')!);
    expect(Number(literalString(settings.get('SCHEDULER_INTERVAL_SECONDS')))).toBeGreaterThan(0);
    expect(settings.has('ANNOUNCE_POLL_MS')).toBe(false);
  });

  it('names every output like the environment variable the Toolkit writes it to', () => {
    const names = [...bicep.outputs.keys()];
    expect(names.filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name))).toEqual([]);
    for (const needed of ['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'TAB_ENDPOINT']) {
      expect(names).toContain(needed);
    }
  });
});

describe('infra/azure.parameters.json', () => {
  const parameters = JSON.parse(readRepoFile('infra/azure.parameters.json')) as {
    parameters: Record<string, { value: unknown }>;
  };

  it('gives only parameters the template declares, and every one without a default', () => {
    const given = Object.keys(parameters.parameters);
    expect(given.filter((name) => !bicep.params.has(name))).toEqual([]);
    const required = [...bicep.params.values()].filter((p) => p.defaultExpr === undefined);
    expect(required.map((p) => p.name).filter((name) => !given.includes(name))).toEqual([]);
  });

  it('fills values from the environment with ${{VAR}} placeholders', () => {
    expect(placeholdersIn(parameters)).toEqual(
      expect.arrayContaining(['ENTRA_CLIENT_ID', 'ENTRA_TENANT_ID', 'COORDINATOR_IDS']),
    );
  });

  it('passes secure parameters only from SECRET_ variables, never as text', () => {
    for (const param of bicep.params.values()) {
      if (!param.secure) continue;
      expect(param.defaultExpr).toBeUndefined();
      const value = parameters.parameters[param.name]?.value;
      if (value !== undefined) expect(value).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
    }
  });
});
