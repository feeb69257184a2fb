/**
 * The Web App's settings in infra/azure.bicep, fed to the service's own config module the way
 * App Service would start it. Values the template writes as text are used exactly; values Azure
 * fills in at deploy time (the identity's client id, the host name, ...) are replaced by a
 * well-formed example of the same kind, since only their shape matters to config.ts.
 */
import { ConfigError, loadConfig } from '../../bot/src/app/config';
import { literalString, loadBicep, objectEntries } from './bicep-model';
import { loadToolkitFile, readRepoFile } from './toolkit-model';

const bicep = loadBicep();
const settings = objectEntries(bicep.vars.get('appSettings')!);

const EXAMPLE = {
  host: 'rm-prod-abc123.azurewebsites.net',
  guid: '3f2b6c1e-8d4a-4f0b-9c7e-2a1d5e6f7a80',
  url: 'https://strmprodabc123.table.core.windows.net/',
  text: 'example',
};

/** A deploy-time value of the kind the setting (or the expression) holds. */
function exampleFor(name: string, expr: string): string {
  if (/HostName|webAppHost/.test(expr)) return EXAMPLE.host;
  if (/_URL$/.test(name) || /primaryEndpoints/.test(expr)) return EXAMPLE.url;
  if (/(^|_)IDS?$/.test(name) || /[cC]lientId|[tT]enantId|Ids?$/.test(expr)) return EXAMPLE.guid;
  return EXAMPLE.text;
}

/** What App Service would hand the process for one setting. */
function valueOf(name: string, expr: string): string {
  const literal = literalString(expr);
  if (literal !== undefined) return literal;
  const param = bicep.params.get(expr);
  const paramDefault = literalString(param?.defaultExpr);
  if (paramDefault !== undefined) return paramDefault;
  if (expr.startsWith("'")) {
    // An interpolated string: keep the text, fill each ${...} with an example.
    return expr
      .slice(1, -1)
      .replace(/\$\{([^}]+)\}/g, (_all, inner: string) => exampleFor(name, inner));
  }
  return exampleFor(name, expr);
}

const environment: Record<string, string> = Object.fromEntries(
  [...settings].map(([name, expr]) => [name, valueOf(name, expr)]),
);

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the Web App settings in infra/azure.bicep', () => {
  it('start the service in production: Entra sign-in, the real bot, Azure storage by managed identity', () => {
    const config = loadConfig(environment);
    expect(config.env).toBe('production');
    expect(config.auth.mode).toBe('entra');
    expect(config.bot).toMatchObject({ kind: 'azure', type: 'UserAssignedMSI' });
    expect(config.storage).toMatchObject({
      kind: 'account-url',
      managedIdentityClientId: environment.AZURE_CLIENT_ID,
    });
    expect(config.seedDemo).toBe(false);
    expect(config.schedulerIntervalSeconds).toBeGreaterThan(0);
    expect(config.publicUrl).toBe(`https://${EXAMPLE.host}`);
  });

  it('supply every variable config.ts asks for in production, found by asking config.ts', () => {
    // Start from production alone; each time config.ts refuses, add the Bicep settings its
    // messages name. It must end up satisfied, and only with what the template provides.
    const env: Record<string, string> = { NODE_ENV: 'production' };
    const asked = new Set<string>();
    for (let round = 0; round < 10; round += 1) {
      const problems = problemsOf(env);
      if (problems.length === 0) break;
      let added = false;
      for (const problem of problems) {
        const named = problem.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{4,}\b/g) ?? [];
        for (const name of named) asked.add(name);
        const provided = named.filter((name) => name in environment && !(name in env));
        if (provided.length === 0 && !named.some((name) => name in env)) {
          throw new Error(`Bicep does not provide what config.ts asks for: ${problem}`);
        }
        for (const name of provided) {
          env[name] = environment[name]!;
          added = true;
        }
      }
      if (!added) throw new Error(`config.ts still refuses: ${problems.join('; ')}`);
    }
    expect(problemsOf(env)).toEqual([]);
    // The variables production could not start without, as config.ts itself reported them.
    expect([...asked]).toEqual(
      expect.arrayContaining(['AUTH_MODE', 'BOT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_TENANT_ID']),
    );
    expect(Object.keys(env).sort()).toEqual(
      expect.arrayContaining(['BOT_TENANT_ID', 'BOT_TYPE', 'TABLES_ACCOUNT_URL']),
    );
  });

  it('would be refused by config.ts if any one of the required ones were dropped', () => {
    const required = Object.keys(environment).filter((name) => {
      const without = { ...environment };
      delete without[name];
      return problemsOf(without).length > 0;
    });
    expect(required.sort()).toEqual(
      [
        'AUTH_MODE',
        'BOT_ID',
        'BOT_TENANT_ID',
        'BOT_TYPE',
        'ENTRA_CLIENT_ID',
        'ENTRA_TENANT_ID',
        'TABLES_ACCOUNT_URL',
      ].sort(),
    );
  });

  it('hold no secret as text: no password, key or connection string is a literal', () => {
    const secretLike = /PASSWORD|SECRET|_KEY$|ACCOUNT_KEY|CONNECTION_STRING|TOKEN/;
    const literalSecrets = [...settings]
      .filter(([name]) => secretLike.test(name))
      .filter(([, expr]) => {
        if (expr.startsWith("'@Microsoft.KeyVault(")) return false;
        if (bicep.params.get(expr)?.secure) return false;
        return literalString(expr) !== undefined || expr.startsWith("'");
      });
    expect(literalSecrets).toEqual([]);
    // With a managed identity there is nothing to hide: no bot password, no storage key.
    expect(settings.has('BOT_PASSWORD')).toBe(false);
    expect(settings.has('TABLES_CONNECTION_STRING')).toBe(false);
    expect(settings.has('DEV_TOKEN_SECRET')).toBe(false);
    // Parameters with secret-like names must be @secure() and have no default.
    for (const param of bicep.params.values()) {
      if (/password|secret|key$/i.test(param.name)) {
        expect([param.name, param.secure, param.defaultExpr]).toEqual([
          param.name,
          true,
          undefined,
        ]);
      }
    }
  });

  it('accept tokens for the Application ID URI the Teams manifest and aad.manifest.json use', () => {
    const manifest = JSON.parse(readRepoFile('appPackage/manifest.json'));
    const resource: string = manifest.webApplicationInfo.resource;
    expect(resource).toBe('api://${{BOT_DOMAIN}}/${{ENTRA_CLIENT_ID}}');
    const aad = JSON.parse(readRepoFile('aad.manifest.json'));
    expect(aad.identifierUris).toContain(resource);
    // Bicep builds the same URI from the outputs the Toolkit writes to BOT_DOMAIN and from the
    // client id it receives as ENTRA_CLIENT_ID.
    expect(settings.get('ENTRA_APP_ID_URI')).toBe("'api://${webAppHost}/${entraClientId}'");
    expect(bicep.outputs.get('BOT_DOMAIN')?.expr).toBe('webAppHost');
    const parameters = JSON.parse(readRepoFile('infra/azure.parameters.json'));
    expect(parameters.parameters.entraClientId.value).toBe('${{ENTRA_CLIENT_ID}}');
    expect(loadConfig(environment).auth).toMatchObject({
      audiences: expect.arrayContaining([`api://${EXAMPLE.host}/${EXAMPLE.guid}`]),
    });
  });
});

describe('the .localConfigs teamsapp.local.yml writes for a local run against a real tenant', () => {
  const deploy = loadToolkitFile('teamsapp.local.yml', 'local').lifecycles.deploy;
  const envs = deploy.find((step) => step.uses === 'file/createOrUpdateEnvironmentFile')?.with
    ?.envs as Record<string, string | number | boolean>;

  it('start the service with the real bot and Entra sign-in', () => {
    const filled = Object.fromEntries(
      Object.entries(envs).map(([name, value]) => [
        name,
        String(value).replace(/\$\{\{(\w+)\}\}/g, (_all, variable: string) =>
          /DOMAIN/.test(variable)
            ? 'abc123-3978.uks1.devtunnels.ms'
            : /ENDPOINT/.test(variable)
              ? 'https://abc123-3978.uks1.devtunnels.ms'
              : /PASSWORD/.test(variable)
                ? 'a-client-secret'
                : EXAMPLE.guid,
        ),
      ]),
    );
    const config = loadConfig(filled);
    expect(config.auth.mode).toBe('entra');
    expect(config.bot).toMatchObject({ kind: 'azure', type: 'SingleTenant' });
    expect(config.storage.kind).toBe('embedded');
    expect(envs.BOT_PASSWORD).toBe('${{SECRET_BOT_PASSWORD}}');
  });
});
