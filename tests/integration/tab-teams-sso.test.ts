import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TAB_DIST } from '../../bot/src/platform/http/tab-static';
import { startTestService, startTestStorage } from '../support/test-service';

/**
 * The tab's Teams SSO (issue 13, item 14). TeamsFx's TeamsUserCredential needs the Entra app's
 * client id: the service writes ENTRA_CLIENT_ID into the tab's pages as it serves them (none
 * under dev sign-in). TeamsFx is bundled as the browser build, in a chunk loaded with import()
 * inside Teams only, and no Node-only code reaches the browser.
 */

const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const TENANT_ID = '66666666-7777-4888-9999-000000000000';

let storage: EmbeddedStorage;
const services: RunningService[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(TAB_DIST, 'index.html'))) {
    throw new Error('Build the tab first: npm run build:tab');
  }
  storage = await startTestStorage();
});

afterAll(async () => {
  for (const service of services) await service.stop();
  await storage?.stop();
});

async function start(env: Record<string, string>): Promise<string> {
  const service = await startTestService(storage.connectionString, env);
  services.push(service);
  return service.url;
}

const ENTRA = {
  AUTH_MODE: 'entra',
  ENTRA_CLIENT_ID: CLIENT_ID,
  ENTRA_TENANT_ID: TENANT_ID,
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_PASSWORD: 'a-client-secret',
  BOT_TENANT_ID: TENANT_ID,
};
let entraUrl: Promise<string> | undefined;

function clientIdIn(html: string): string | undefined {
  return /<meta name="entra-client-id" content="([^"]*)" \/>/.exec(html)?.[1];
}

describe('the tab pages carry the client id for Teams SSO', () => {
  it.each(['/tab/index.html', '/tab/config.html'])(
    '%s under AUTH_MODE=entra has ENTRA_CLIENT_ID, with the tab headers',
    async (page) => {
      entraUrl ??= start(ENTRA);
      const url = await entraUrl;
      const response = await fetch(`${url}${page}`);
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors [^;]*teams/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(clientIdIn(html)).toBe(CLIENT_ID);
      expect(html).toContain('<script type="module"');
    },
  );

  it('under dev sign-in the page has no client id (the tab uses the dev token)', async () => {
    const url = await start({});
    const html = await (await fetch(`${url}/tab/index.html`)).text();
    expect(clientIdIn(html)).toBe('');
  });
});

describe('the tab bundle', () => {
  const meta = JSON.parse(readFileSync(path.join(TAB_DIST, 'build-meta.json'), 'utf8')) as {
    withinBudget: boolean;
    initialPackages: string[];
    bundledPackages: string[];
    problems: string[];
  };

  it('holds TeamsFx, outside the initial JS, and stays within budget', () => {
    expect(meta.bundledPackages).toContain('@microsoft/teamsfx');
    expect(meta.initialPackages).not.toContain('@microsoft/teamsfx');
    expect(meta.initialPackages).not.toContain('@azure/msal-browser');
    expect(meta.withinBudget).toBe(true);
    expect(meta.problems).toEqual([]);
  });

  it('carries no Node-only code', () => {
    for (const name of ['@azure/msal-node', '@azure/identity', 'botbuilder']) {
      expect(meta.bundledPackages).not.toContain(name);
    }
  });
});
