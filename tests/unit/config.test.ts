import { ConfigError, loadConfig } from '../../bot/src/app/config';

const BOT = {
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_PASSWORD: 'secret',
  BOT_TENANT_ID: '66666666-7777-4888-9999-000000000000',
};
const ENTRA = {
  AUTH_MODE: 'entra',
  ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  ENTRA_TENANT_ID: '66666666-7777-4888-9999-000000000000',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs locally with no variables: port 3978, embedded storage, dev sign-in, no bot auth', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.storage).toEqual({ kind: 'embedded', inMemory: false, dataDir: '.data/azurite' });
    expect(config.auth.mode).toBe('dev');
    expect(config.bot).toEqual({ kind: 'local' });
    expect(config.coordinatorIds).toEqual([]);
  });

  it('names the variable when a value is malformed', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: must be between 0 and 65535/);
    expect(problemsOf({ AUTH_MODE: 'magic' })[0]).toMatch(/^AUTH_MODE: must be dev or entra/);
    expect(problemsOf({ BOT_ID: 'not-a-guid', BOT_PASSWORD: 'x' })[0]).toMatch(
      /^BOT_ID: must be a GUID/,
    );
    expect(problemsOf({ PUBLIC_URL: 'localhost' })[0]).toMatch(/^PUBLIC_URL: /);
    expect(problemsOf({ TABLES_CONNECTION_STRING: 'nonsense' })[0]).toMatch(
      /^TABLES_CONNECTION_STRING: must be an Azure Storage connection string/,
    );
  });

  it('names every bad coordinator id', () => {
    const problems = problemsOf({ COORDINATOR_IDS: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01, bob' });
    expect(problems).toEqual([expect.stringMatching(/^COORDINATOR_IDS: must be a GUID/)]);
  });

  it('parses coordinator ids, lower-cased and trimmed', () => {
    const config = loadConfig({ COORDINATOR_IDS: ' 7C3F1A52-8D4E-4B9A-A1F0-0D5E6C7B8A01 ,' });
    expect(config.coordinatorIds).toEqual(['7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01']);
  });

  it('needs the Entra client and tenant for AUTH_MODE=entra', () => {
    expect(problemsOf({ AUTH_MODE: 'entra', ...BOT })).toEqual([
      expect.stringMatching(/^ENTRA_CLIENT_ID: required/),
      expect.stringMatching(/^ENTRA_TENANT_ID: required/),
    ]);
    const config = loadConfig({ ...ENTRA, ...BOT });
    expect(config.auth).toMatchObject({
      mode: 'entra',
      audiences: [ENTRA.ENTRA_CLIENT_ID, `api://${ENTRA.ENTRA_CLIENT_ID}`],
    });
  });

  it('refuses AUTH_MODE=entra without bot credentials, naming the variables each bot type needs', () => {
    expect(problemsOf(ENTRA)).toEqual([
      expect.stringMatching(
        /^BOT_ID: bot credentials are required when AUTH_MODE is entra.*set BOT_ID, BOT_PASSWORD and BOT_TENANT_ID/,
      ),
    ]);
    expect(problemsOf({ ...ENTRA, BOT_TYPE: 'UserAssignedMSI' })).toEqual([
      expect.stringMatching(/^BOT_ID: .*set BOT_ID and BOT_TENANT_ID \(BOT_TYPE UserAssignedMSI\)/),
    ]);
    expect(problemsOf({ ...ENTRA, BOT_TYPE: 'MultiTenant', BOT_PASSWORD: 'x' })).toEqual([
      expect.stringMatching(/^BOT_ID: .*set BOT_ID and BOT_PASSWORD \(BOT_TYPE MultiTenant\)/),
    ]);
    // With credentials the bot authenticates; only AUTH_MODE=dev without BOT_ID skips it.
    expect(loadConfig({ ...ENTRA, ...BOT }).bot).toMatchObject({ kind: 'azure' });
    expect(loadConfig({ AUTH_MODE: 'dev', ...BOT }).bot).toMatchObject({ kind: 'azure' });
    expect(loadConfig({ AUTH_MODE: 'dev' }).bot).toEqual({ kind: 'local' });
  });

  it('needs a password and tenant with a single-tenant bot id', () => {
    expect(problemsOf({ BOT_ID: BOT.BOT_ID })).toEqual([
      expect.stringMatching(/^BOT_PASSWORD: required/),
      expect.stringMatching(/^BOT_TENANT_ID: required/),
    ]);
    expect(problemsOf({ BOT_PASSWORD: 'x' })[0]).toMatch(/^BOT_ID: required/);
  });

  it('refuses production with dev sign-in, without bot credentials or without real storage', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AUTH_MODE: must be entra when NODE_ENV is production/),
        expect.stringMatching(/^BOT_ID: bot credentials are required/),
        expect.stringMatching(/^TABLES_CONNECTION_STRING: /),
      ]),
    );
    expect(
      problemsOf({
        NODE_ENV: 'production',
        ...BOT,
        TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net',
      }),
    ).toEqual([expect.stringMatching(/^AUTH_MODE: /)]);
  });

  it('treats Azure App Service as production whatever NODE_ENV says', () => {
    const appService = { WEBSITE_INSTANCE_ID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      const env: Record<string, string> = { ...appService };
      if (NODE_ENV) env.NODE_ENV = NODE_ENV;
      expect(problemsOf(env)).toEqual([
        expect.stringMatching(/^AUTH_MODE: must be entra on Azure App Service/),
        expect.stringMatching(/^BOT_ID: bot credentials are required on Azure App Service/),
        expect.stringMatching(/^TABLES_CONNECTION_STRING: .*on Azure App Service/),
      ]);
    }
    // The site name alone (set on every App Service instance too) is enough.
    expect(problemsOf({ NODE_ENV: 'development', WEBSITE_SITE_NAME: 'rm-dev-web' })).toHaveLength(
      3,
    );
    // Dev sign-in alone is refused, with everything else in place.
    expect(
      problemsOf({
        ...appService,
        NODE_ENV: 'development',
        ...BOT,
        TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net',
      }),
    ).toEqual([expect.stringMatching(/^AUTH_MODE: must be entra on Azure App Service/)]);
    const config = loadConfig({
      ...appService,
      ...BOT,
      ...ENTRA,
      TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net',
    });
    expect(config.auth.mode).toBe('entra');
    expect(config.seedDemo).toBe(false);
  });

  it('accepts a complete production configuration with managed identity storage', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ...BOT,
      ...ENTRA,
      TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net/',
      AZURE_CLIENT_ID: '12345678-1234-4234-8234-123456789012',
    });
    expect(config.storage).toEqual({
      kind: 'account-url',
      accountUrl: 'https://acct.table.core.windows.net',
      managedIdentityClientId: '12345678-1234-4234-8234-123456789012',
    });
    expect(config.bot).toMatchObject({ kind: 'azure', type: 'SingleTenant' });
    expect(config.seedDemo).toBe(false);
  });

  it('listens on loopback locally and on every interface when deployed, unless HOST says otherwise', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', hostWarning: undefined });
    expect(loadConfig({ HOST: '::1' })).toMatchObject({ host: '::1', hostWarning: undefined });
    const deployed = {
      NODE_ENV: 'production',
      ...BOT,
      ...ENTRA,
      TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net',
    };
    expect(loadConfig(deployed)).toMatchObject({ host: '0.0.0.0', hostWarning: undefined });
    expect(loadConfig({ ...deployed, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    // A local instance opened to the network says what that exposes.
    const open = loadConfig({ HOST: '0.0.0.0' });
    expect(open.host).toBe('0.0.0.0');
    expect(open.hostWarning).toMatch(/^HOST=0\.0\.0\.0: .*\/api\/dev\/token.*unauthenticated/);
    expect(loadConfig({ HOST: '192.168.1.20', ...BOT, ...ENTRA }).hostWarning).toMatch(
      /^HOST=192\.168\.1\.20: .*network/,
    );
    expect(problemsOf({ HOST: 'not a host!' })).toEqual([
      expect.stringMatching(/^HOST: must be an IP address/),
    ]);
  });
});

describe('retention periods (issue 17)', () => {
  it('default to 6 months for special-category answers and 12 for never-matched applications', () => {
    expect(loadConfig({}).retention).toEqual({
      sensitiveMonths: 6,
      unmatchedMonths: 12,
      cohortMonths: 12,
    });
    expect(
      loadConfig({
        RETENTION_SENSITIVE_MONTHS: '3',
        RETENTION_UNMATCHED_MONTHS: '24',
        RETENTION_COHORT_MONTHS: '36',
      }).retention,
    ).toEqual({ sensitiveMonths: 3, unmatchedMonths: 24, cohortMonths: 36 });
  });

  it('refuses a cohort period shorter than the special-category period', () => {
    expect(problemsOf({ RETENTION_SENSITIVE_MONTHS: '9', RETENTION_COHORT_MONTHS: '8' })).toEqual([
      expect.stringMatching(/^RETENTION_COHORT_MONTHS: must be at least/),
    ]);
    expect(
      loadConfig({ RETENTION_SENSITIVE_MONTHS: '9', RETENTION_COHORT_MONTHS: '9' }).retention
        .cohortMonths,
    ).toBe(9);
  });

  it('refuses a period that is not a whole number of months from 1 to 120, naming it', () => {
    for (const bad of ['0', '1.5', 'six', '121']) {
      const problems = problemsOf({ RETENTION_SENSITIVE_MONTHS: bad });
      expect(problems).toEqual([expect.stringContaining('RETENTION_SENSITIVE_MONTHS')]);
    }
  });
});
