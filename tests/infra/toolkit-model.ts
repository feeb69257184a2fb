/**
 * A model of how the Microsoft 365 Agents Toolkit (Teams Toolkit) runs teamsapp.yml and
 * teamsapp.local.yml, enough to follow every `${{VAR}}` to where its value comes from:
 *
 * - `env/.env.<env>` is loaded first. A placeholder with an empty value stops the Toolkit with
 *   "unresolved placeholder" (APP_NAME_SUFFIX alone may be empty; AZURE_SUBSCRIPTION_ID and
 *   AZURE_RESOURCE_GROUP_NAME are asked for when empty), so an empty template value is an input
 *   the operator must give.
 * - Actions run in order; each action's placeholders (in `with`, `env`, and the files it reads:
 *   the Teams manifest, the Entra manifest, ARM parameters) are resolved just before it runs.
 * - What an action produces is available to every later action and later lifecycle (the Toolkit
 *   writes it back into the env file): `writeToEnvironmentFile`, arm/deploy's Bicep outputs,
 *   `::set-teamsfx-env KEY=VALUE` lines of a `script`, teamsApp/create's TEAMS_APP_TENANT_ID and
 *   aadApp/update's AAD_APP_ACCESS_AS_USER_PERMISSION_ID.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseBicep, REPO_ROOT } from './bicep-model';

export { REPO_ROOT };

export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Set by the Toolkit itself, or asked for interactively when empty. */
export const BUILT_IN = new Set([
  'TEAMSFX_ENV',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
]);
/** The one variable the Toolkit lets be empty. */
export const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export const LIFECYCLES = ['provision', 'deploy', 'publish'] as const;
export type LifecycleName = (typeof LIFECYCLES)[number];

export interface Step {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}

export interface ToolkitFile {
  file: string;
  envName: string;
  doc: Record<string, unknown>;
  lifecycles: Record<LifecycleName, Step[]>;
}

/** teamsapp.yml serves cloud environments (dev, prod, ...); teamsapp.local.yml serves "local". */
export function loadToolkitFile(file: string, envName: string): ToolkitFile {
  const doc = parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;
  const lifecycles = Object.fromEntries(
    LIFECYCLES.map((name) => [name, (doc[name] as Step[] | undefined) ?? []]),
  ) as Record<LifecycleName, Step[]>;
  return { file, envName, doc, lifecycles };
}

export function placeholdersIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(PLACEHOLDER)) found.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

/** KEY=VALUE lines as the Toolkit reads them: `#` comments, optional quotes, `export ` allowed. */
export function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*('[^']*'|"[^"]*"|[^#]*)/.exec(line);
    if (!match) continue;
    const raw = match[2]!.trim();
    values[match[1]!] = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
  }
  return values;
}

export function envTemplate(envName: string): Record<string, string> {
  return parseEnv(readRepoFile(path.join('env', `.env.${envName}`)));
}

function withArg(step: Step, key: string): string | undefined {
  const value = step.with?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Files an action reads and fills placeholders in before it acts. */
export function filesReadBy(step: Step): string[] {
  switch (step.uses) {
    case 'teamsApp/validateManifest':
    case 'teamsApp/zipAppPackage':
    case 'aadApp/update': {
      const manifest = withArg(step, 'manifestPath');
      return manifest ? [path.normalize(manifest)] : [];
    }
    case 'arm/deploy': {
      const templates = (step.with?.templates as Array<Record<string, string>> | undefined) ?? [];
      return templates.flatMap((t) => (t.parameters ? [path.normalize(t.parameters)] : []));
    }
    default:
      return [];
  }
}

export function bicepOutputsOf(step: Step): string[] {
  const templates = (step.with?.templates as Array<Record<string, string>> | undefined) ?? [];
  return templates.flatMap((t) =>
    t.path?.endsWith('.bicep') ? [...parseBicep(readRepoFile(t.path)).outputs.keys()] : [],
  );
}

/** Variables an action makes available to the actions after it. */
export function outputsOf(step: Step, envName: string): string[] {
  const outputs = Object.values(step.writeToEnvironmentFile ?? {});
  switch (step.uses) {
    case 'teamsApp/create':
      outputs.push('TEAMS_APP_TENANT_ID');
      break;
    case 'aadApp/update':
      outputs.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
      break;
    case 'arm/deploy':
      outputs.push(...bicepOutputsOf(step));
      break;
    case 'script':
      for (const m of (withArg(step, 'run') ?? '').matchAll(/::set-teamsfx-env\s+(\w+)=/g)) {
        outputs.push(m[1]!);
      }
      break;
    case 'file/createOrUpdateEnvironmentFile': {
      const target = path.normalize(withArg(step, 'target') ?? '');
      const envFiles = [`env/.env.${envName}`, 'env/.env.${{TEAMSFX_ENV}}'].map(path.normalize);
      if (envFiles.includes(target)) outputs.push(...Object.keys(step.with?.envs ?? {}));
      break;
    }
  }
  return outputs;
}

export type Source =
  | { kind: 'built-in' }
  | { kind: 'env-file'; empty: boolean }
  | { kind: 'step'; lifecycle: LifecycleName; index: number; uses: string };

export interface Use {
  variable: string;
  lifecycle: LifecycleName;
  index: number;
  uses: string;
  /** Where the value is read: `with`, `env`, or a file the action reads (a normalised path). */
  where: string;
  source?: Source;
}

/**
 * Runs the lifecycles in order (provision, deploy, publish: each sees what the earlier ones
 * wrote) and records, for every placeholder, where its value comes from at that moment.
 */
export function traceVariables(toolkit: ToolkitFile): Use[] {
  const template = envTemplate(toolkit.envName);
  const sources = new Map<string, Source>();
  for (const name of BUILT_IN) sources.set(name, { kind: 'built-in' });
  for (const [name, value] of Object.entries(template)) {
    sources.set(name, { kind: 'env-file', empty: value === '' && !MAY_BE_EMPTY.has(name) });
  }
  const uses: Use[] = [];
  for (const lifecycle of LIFECYCLES) {
    toolkit.lifecycles[lifecycle].forEach((step, index) => {
      const record = (variable: string, where: string): void => {
        uses.push({
          variable,
          lifecycle,
          index,
          uses: step.uses,
          where,
          source: sources.get(variable),
        });
      };
      // aadApp/update makes the scope id itself when it is empty, before filling the manifest.
      const scopeId = sources.get('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
      const scopeIdMissing = !scopeId || (scopeId.kind === 'env-file' && scopeId.empty);
      if (step.uses === 'aadApp/update' && scopeIdMissing) {
        sources.set('AAD_APP_ACCESS_AS_USER_PERMISSION_ID', {
          kind: 'step',
          lifecycle,
          index,
          uses: step.uses,
        });
      }
      for (const v of placeholdersIn(step.with)) record(v, 'with');
      for (const v of placeholdersIn(step.env)) record(v, 'env');
      for (const file of filesReadBy(step)) {
        const full = path.join(REPO_ROOT, file);
        if (!existsSync(full)) continue;
        for (const v of placeholdersIn(readFileSync(full, 'utf8'))) record(v, file);
      }
      for (const produced of outputsOf(step, toolkit.envName)) {
        sources.set(produced, { kind: 'step', lifecycle, index, uses: step.uses });
      }
    });
  }
  return uses;
}

/** A readable place for a failure message. */
export function describeUse(toolkit: ToolkitFile, use: Use): string {
  return `${toolkit.file} ${use.lifecycle}[${use.index}] ${use.uses} (${use.where}): ${use.variable}`;
}

/** Which actions exist in the v1.x schema, the `with` keys each requires and allows. */
export const ACTIONS: Record<
  string,
  { required: string[]; optional?: string[]; writes?: { required: string[]; optional?: string[] } }
> = {
  'teamsApp/create': {
    required: ['name'],
    writes: { required: ['teamsAppId'] },
  },
  'aadApp/create': {
    required: ['name', 'generateClientSecret', 'signInAudience'],
    optional: [
      'generateServicePrincipal',
      'serviceManagementReference',
      'clientSecretExpireDays',
      'clientSecretDescription',
    ],
    writes: {
      required: ['clientId', 'objectId'],
      optional: ['clientSecret', 'tenantId', 'authority', 'authorityHost'],
    },
  },
  'aadApp/update': { required: ['manifestPath', 'outputFilePath'] },
  'botAadApp/create': { required: ['name'], writes: { required: ['botId', 'botPassword'] } },
  'botFramework/create': {
    required: ['botId', 'name', 'messagingEndpoint'],
    optional: ['description', 'iconUrl', 'channels'],
  },
  'arm/deploy': {
    required: ['subscriptionId', 'resourceGroupName', 'templates'],
    optional: ['bicepCliVersion'],
  },
  'teamsApp/validateManifest': { required: ['manifestPath'] },
  'teamsApp/zipAppPackage': { required: ['manifestPath', 'outputZipPath', 'outputFolder'] },
  'teamsApp/validateAppPackage': { required: ['appPackagePath'] },
  'teamsApp/update': { required: ['appPackagePath'] },
  'teamsApp/publishAppPackage': {
    required: ['appPackagePath'],
    writes: { required: ['publishedAppId'] },
  },
  'cli/runNpmCommand': { required: ['args'], optional: ['workingDirectory'] },
  script: {
    required: ['run'],
    optional: ['workingDirectory', 'shell', 'timeout', 'redirectTo'],
  },
  'azureAppService/zipDeploy': {
    required: ['artifactFolder', 'resourceId'],
    optional: ['workingDirectory', 'ignoreFile', 'dryRun', 'outputZipFile'],
  },
  'file/createOrUpdateEnvironmentFile': { required: ['envs', 'target'] },
};

/** Problems with one action against the schema's shape (unknown action, missing or extra keys). */
export function actionShapeProblems(step: Step): string[] {
  const spec = ACTIONS[step.uses];
  if (!spec) return [`unknown action ${step.uses}`];
  const problems: string[] = [];
  const allowedTop = new Set(['uses', 'name', 'with', 'env', 'writeToEnvironmentFile']);
  for (const key of Object.keys(step)) {
    if (!allowedTop.has(key)) problems.push(`${step.uses}: unknown key ${key}`);
  }
  const args = step.with ?? {};
  for (const key of spec.required) {
    if (!(key in args)) problems.push(`${step.uses}: missing with.${key}`);
  }
  const allowed = new Set([...spec.required, ...(spec.optional ?? [])]);
  for (const key of Object.keys(args)) {
    if (!allowed.has(key)) problems.push(`${step.uses}: unknown with.${key}`);
  }
  const writes = step.writeToEnvironmentFile ?? {};
  if (spec.writes) {
    const required = [...spec.writes.required];
    if (step.uses === 'aadApp/create' && args.generateClientSecret === true) {
      required.push('clientSecret');
    }
    for (const key of required) {
      if (!(key in writes)) problems.push(`${step.uses}: missing writeToEnvironmentFile.${key}`);
    }
    const allowedWrites = new Set([...spec.writes.required, ...(spec.writes.optional ?? [])]);
    for (const key of Object.keys(writes)) {
      if (!allowedWrites.has(key)) {
        problems.push(`${step.uses}: unknown writeToEnvironmentFile.${key}`);
      }
    }
  } else if (Object.keys(writes).length > 0) {
    problems.push(`${step.uses}: writes nothing to the environment file`);
  }
  for (const [key, name] of Object.entries(writes)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) problems.push(`${step.uses}: ${key} → bad name ${name}`);
    const secret = key === 'clientSecret' || key === 'botPassword';
    if (secret && !name.startsWith('SECRET_')) {
      problems.push(`${step.uses}: ${key} must go to a SECRET_ variable (env/.env.*.user)`);
    }
  }
  return problems;
}
