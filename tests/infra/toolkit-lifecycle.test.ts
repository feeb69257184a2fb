import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  actionShapeProblems,
  describeUse,
  envTemplate,
  LIFECYCLES,
  loadToolkitFile,
  MAY_BE_EMPTY,
  outputsOf,
  placeholdersIn,
  readRepoFile,
  REPO_ROOT,
  traceVariables,
  type Step,
  type ToolkitFile,
} from './toolkit-model';

const FILES = [
  { file: 'teamsapp.yml', envName: 'dev' },
  { file: 'teamsapp.local.yml', envName: 'local' },
] as const;

const TEAMS_MANIFEST = path.normalize('appPackage/manifest.json');

function steps(toolkit: ToolkitFile): Step[] {
  return LIFECYCLES.flatMap((name) => toolkit.lifecycles[name]);
}

function indexOf(list: Step[], uses: string, from = 0): number {
  return list.findIndex((step, i) => i >= from && step.uses === uses);
}

describe.each(FILES)('$file (environment "$envName")', ({ file, envName }) => {
  const toolkit = loadToolkitFile(file, envName);

  it('is a v1.x Toolkit project file with only the keys that schema allows', () => {
    expect(String(toolkit.doc.version)).toMatch(/^v1\.\d+$/);
    const allowed = [
      'version',
      'projectId',
      'environmentFolderPath',
      'additionalMetadata',
      ...LIFECYCLES,
    ];
    expect(Object.keys(toolkit.doc).filter((key) => !allowed.includes(key))).toEqual([]);
    expect(toolkit.doc.environmentFolderPath).toBe('./env');
    const schemaLine = readRepoFile(file).split('\n')[0];
    expect(schemaLine).toContain(`/${String(toolkit.doc.version)}/yaml.schema.json`);
  });

  it('uses only actions the schema knows, each with the arguments it requires', () => {
    expect(steps(toolkit).flatMap(actionShapeProblems)).toEqual([]);
  });

  it('points every file argument at a file or folder the repository has (or a build makes)', () => {
    const made = ['./appPackage/build', './.deploy/webapp'];
    const missing: string[] = [];
    for (const step of steps(toolkit)) {
      for (const key of ['manifestPath', 'ignoreFile']) {
        const value = step.with?.[key];
        if (typeof value === 'string' && !existsSync(path.join(REPO_ROOT, value))) {
          missing.push(`${step.uses} ${key}: ${value}`);
        }
      }
      for (const t of (step.with?.templates as Array<Record<string, string>>) ?? []) {
        for (const p of [t.path, t.parameters]) {
          if (p && !existsSync(path.join(REPO_ROOT, p))) missing.push(`arm/deploy: ${p}`);
        }
      }
      for (const key of ['outputZipPath', 'outputFolder', 'outputFilePath', 'artifactFolder']) {
        const value = step.with?.[key];
        if (typeof value === 'string' && !made.some((dir) => value.startsWith(dir))) {
          missing.push(`${step.uses} ${key} outside the build folders: ${value}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('gets every ${{VAR}} from its env file, the Toolkit, or an earlier step', () => {
    const unresolved = traceVariables(toolkit).filter((use) => use.source === undefined);
    expect(unresolved.map((use) => describeUse(toolkit, use))).toEqual([]);
  });

  it('builds the Teams app package from what provision created, never from the offline placeholders', () => {
    const manifestReads = traceVariables(toolkit).filter((use) => use.where === TEAMS_MANIFEST);
    expect(manifestReads.map((use) => use.variable)).toEqual(
      expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'ENTRA_CLIENT_ID', 'BOT_DOMAIN']),
    );
    const fromTemplate = manifestReads.filter(
      (use) => use.source?.kind === 'env-file' && !MAY_BE_EMPTY.has(use.variable),
    );
    expect(fromTemplate.map((use) => describeUse(toolkit, use))).toEqual([]);
  });

  it('asks the operator only for values that docs/operations.md explains', () => {
    const operations = readRepoFile('docs/operations.md');
    const inputs = new Set(
      traceVariables(toolkit)
        .filter((use) => use.source?.kind === 'env-file' && use.source.empty)
        .map((use) => use.variable),
    );
    expect(inputs.size).toBeGreaterThan(0);
    expect([...inputs].filter((name) => !operations.includes(name))).toEqual([]);
  });

  it('declares in env/.env.<env> only variables that something reads or writes', () => {
    const template = envTemplate(envName);
    const read = new Set([
      ...traceVariables(toolkit).map((use) => use.variable),
      ...placeholdersIn(readRepoFile(TEAMS_MANIFEST)),
    ]);
    const written = new Set(steps(toolkit).flatMap((step) => outputsOf(step, envName)));
    const orphans = Object.keys(template).filter(
      (name) => !read.has(name) && !written.has(name) && name !== 'TEAMSFX_ENV',
    );
    expect(orphans).toEqual([]);
  });

  it('validates and zips the Teams manifest, then applies it to the registered app', () => {
    const provision = toolkit.lifecycles.provision;
    const create = indexOf(provision, 'teamsApp/create');
    const validate = indexOf(provision, 'teamsApp/validateManifest', create);
    const zip = indexOf(provision, 'teamsApp/zipAppPackage', validate);
    const update = indexOf(provision, 'teamsApp/update', zip);
    expect([create, validate, zip, update].every((i) => i >= 0)).toBe(true);
    expect(provision[zip]?.with?.manifestPath).toBe('./appPackage/manifest.json');
    expect(provision[update]?.with?.appPackagePath).toBe(provision[zip]?.with?.outputZipPath);
  });

  it('exposes access_as_user through aadApp/update once the app domain is known', () => {
    const provision = toolkit.lifecycles.provision;
    const create = provision.findIndex(
      (step) => step.uses === 'aadApp/create' && step.with?.generateClientSecret === false,
    );
    const update = indexOf(provision, 'aadApp/update', create);
    expect(create).toBeGreaterThanOrEqual(0);
    expect(update).toBeGreaterThan(create);
    expect(provision[update]?.with?.manifestPath).toBe('./aad.manifest.json');
    expect(provision[create]?.with?.signInAudience).toBe('AzureADMyOrg');
    const domainSet = provision
      .slice(0, update)
      .some((step) => outputsOf(step, envName).includes('BOT_DOMAIN'));
    expect(domainSet).toBe(true);
  });
});

describe('teamsapp.yml (cloud environments)', () => {
  const toolkit = loadToolkitFile('teamsapp.yml', 'dev');
  const { provision, deploy, publish } = toolkit.lifecycles;

  it('provisions the Azure resources from infra/azure.bicep with its parameters file', () => {
    const arm = provision.find((step) => step.uses === 'arm/deploy');
    expect(arm?.with?.templates).toEqual([
      expect.objectContaining({
        path: './infra/azure.bicep',
        parameters: './infra/azure.parameters.json',
      }),
    ]);
    expect(arm?.with?.subscriptionId).toBe('${{AZURE_SUBSCRIPTION_ID}}');
    expect(arm?.with?.resourceGroupName).toBe('${{AZURE_RESOURCE_GROUP_NAME}}');
  });

  it('creates no client secret: the bot is the managed identity Bicep creates', () => {
    const secretMakers = provision.filter(
      (step) =>
        step.uses === 'botAadApp/create' ||
        (step.uses === 'aadApp/create' && step.with?.generateClientSecret === true),
    );
    expect(secretMakers).toEqual([]);
    const arm = provision.find((step) => step.uses === 'arm/deploy')!;
    expect(outputsOf(arm, 'dev')).toEqual(expect.arrayContaining(['BOT_ID', 'BOT_TENANT_ID']));
  });

  it('deploys by installing, building and zip-deploying a package that leaves .webappignore out', () => {
    const install = indexOf(deploy, 'cli/runNpmCommand');
    expect(String(deploy[install]?.with?.args)).toMatch(/^(ci|install)\b/);
    const build = deploy.findIndex((step) => step.with?.args === 'run build');
    expect(build).toBeGreaterThan(install);
    const zip = deploy[deploy.length - 1]!;
    expect(zip.uses).toBe('azureAppService/zipDeploy');
    expect(zip.with?.ignoreFile).toBe('./.webappignore');
    expect(zip.with?.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    const runtimeInstall = deploy.find(
      (step) => step.with?.workingDirectory === zip.with?.artifactFolder,
    );
    expect(String(runtimeInstall?.with?.args)).toContain('--omit=dev');
  });

  it('publishes the package to the Teams admin centre last', () => {
    expect(publish[publish.length - 1]?.uses).toBe('teamsApp/publishAppPackage');
  });
});

describe('teamsapp.local.yml (a real tenant through a dev tunnel)', () => {
  const toolkit = loadToolkitFile('teamsapp.local.yml', 'local');
  const { provision, deploy } = toolkit.lifecycles;

  it('registers a single-tenant bot whose secret goes only to env/.env.local.user', () => {
    const bot = provision.find((step) => step.writeToEnvironmentFile?.clientSecret);
    expect(bot?.with).toMatchObject({
      signInAudience: 'AzureADMyOrg',
      generateClientSecret: true,
      generateServicePrincipal: true,
    });
    expect(bot?.writeToEnvironmentFile?.clientSecret).toMatch(/^SECRET_/);
  });

  it('points the Bot Framework registration and the Teams channel at the tunnel', () => {
    const registration = provision.find((step) => step.uses === 'botFramework/create');
    expect(registration?.with?.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
    expect(registration?.with?.channels).toEqual([{ name: 'msteams' }]);
    const tunnelled = provision
      .filter((step) => step.uses === 'script')
      .map((step) => String(step.with?.run))
      .join('\n');
    for (const name of ['BOT_DOMAIN', 'BOT_ENDPOINT', 'TAB_DOMAIN', 'TAB_ENDPOINT']) {
      expect(tunnelled).toMatch(new RegExp(`${name}=(https://)?\\$\\{\\{DEV_TUNNEL_DOMAIN\\}\\}`));
    }
  });

  it('writes the service settings to .localConfigs, which git ignores', () => {
    const settings = deploy.find((step) => step.uses === 'file/createOrUpdateEnvironmentFile');
    expect(settings?.with?.target).toBe('./.localConfigs');
    expect(readRepoFile('.gitignore').split('\n')).toContain('.localConfigs');
  });
});
