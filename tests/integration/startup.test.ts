import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the real entry point with the given environment and returns how it ended. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'bot/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stderr: result.stderr };
}

describe('starting the service with a bad configuration', () => {
  it('exits non-zero at once, naming the variable and what is wrong', () => {
    const result = start({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration:\n\s+- PORT: must be a number/);
  });

  it('refuses production with dev sign-in and no bot credentials', () => {
    const result = start({
      NODE_ENV: 'production',
      AUTH_MODE: 'dev',
      TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AUTH_MODE: must be entra when NODE_ENV is production/);
    expect(result.stderr).toMatch(/BOT_ID: bot credentials are required/);
  });

  it('refuses AUTH_MODE=entra without bot credentials, naming the variables', () => {
    const result = start({
      AUTH_MODE: 'entra',
      ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      ENTRA_TENANT_ID: '66666666-7777-4888-9999-000000000000',
      STORAGE_IN_MEMORY: 'true',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /BOT_ID: bot credentials are required when AUTH_MODE is entra.*BOT_ID, BOT_PASSWORD and BOT_TENANT_ID/,
    );
  });
});
