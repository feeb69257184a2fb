/**
 * The Teams app package a cloud environment gets: built from env/.env.dev the way
 * `npm run package -- --env-file env/.env.dev` does, and again with the values provision
 * writes over the placeholders, and validated offline against the bundled Teams schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildAppPackage,
  checkTeamsRules,
  validateAgainstBundledSchema,
  type BuiltPackage,
} from '../../bot/scripts/app-package';
import { loadToolkitFile, outputsOf, readRepoFile, REPO_ROOT } from './toolkit-model';

// @microsoft/app-manifest requires strip-bom, which is ESM-only; validation never calls it.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const TEAMS_CLIENTS = {
  'Teams desktop and mobile': '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  'Teams web': '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  'Microsoft 365 web': '4765445b-32c6-49b0-83e6-1d93765276ca',
  'Microsoft 365 desktop': '0ec893e0-5785-4de6-99da-4ed124e5296c',
  'Microsoft 365 mobile and Outlook desktop': 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  'Outlook web': 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
  'Outlook mobile': '27922004-5251-4030-b22d-91ecd9a37ea4',
};

/** Example values of the kind provision writes, one per variable the steps produce. */
function provisionedValues(): Record<string, string> {
  const provision = loadToolkitFile('teamsapp.yml', 'dev').lifecycles.provision;
  const host = 'rm-dev-k3x7q2m9a4b5c.azurewebsites.net';
  const ids: Record<string, string> = {
    TEAMS_APP_ID: '6a0c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4',
    BOT_ID: '0b1c2d3e-4f50-4a6b-9c7d-8e9fa0b1c2d3',
    ENTRA_CLIENT_ID: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  };
  const values: Record<string, string> = {};
  for (const name of provision.flatMap((step) => outputsOf(step, 'dev'))) {
    if (name in ids) values[name] = ids[name]!;
    else if (/DOMAIN$/.test(name)) values[name] = host;
    else if (/ENDPOINT$/.test(name)) values[name] = `https://${host}`;
  }
  return values;
}

let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'provisioned-package-'));
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

async function validate(built: BuiltPackage): Promise<string[]> {
  return [
    ...(await validateAgainstBundledSchema(built.manifest)),
    ...checkTeamsRules(built.manifest),
  ];
}

describe('the Teams app package for a cloud environment', () => {
  const envFile = path.join(REPO_ROOT, 'env', '.env.dev');

  it('builds from env/.env.dev before provision and passes offline validation', async () => {
    const built = await buildAppPackage({ envFile, env: {}, outDir, envName: 'dev-template' });
    expect(await validate(built)).toEqual([]);
  });

  it('builds from the values provision writes and passes offline validation', async () => {
    const values = provisionedValues();
    // Provision produces every value the manifest reads, so none of the placeholders is left.
    expect(Object.keys(values)).toEqual(
      expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'ENTRA_CLIENT_ID', 'BOT_DOMAIN']),
    );
    const built = await buildAppPackage({ envFile, env: values, outDir, envName: 'dev' });
    expect(await validate(built)).toEqual([]);
    expect(built.manifest.id).toBe(values.TEAMS_APP_ID);
    expect(built.manifest.validDomains).toEqual([values.BOT_DOMAIN]);
    expect(built.manifest.webApplicationInfo).toEqual({
      id: values.ENTRA_CLIENT_ID,
      resource: `api://${values.BOT_DOMAIN}/${values.ENTRA_CLIENT_ID}`,
    });
  });

  it('passes offline validation as the Toolkit renders it too (plain substitution, no tidying)', async () => {
    const values: Record<string, string> = { APP_NAME_SUFFIX: ' (dev)', ...provisionedValues() };
    const text = readRepoFile('appPackage/manifest.json').replace(
      /\$\{\{\s*(\w+)\s*\}\}/g,
      (_all, name: string) => {
        if (!(name in values)) throw new Error(`provision does not produce ${name}`);
        return values[name]!;
      },
    );
    const manifest = JSON.parse(text);
    expect(await validateAgainstBundledSchema(manifest)).toEqual([]);
    expect(checkTeamsRules(manifest)).toEqual([]);
  });
});

describe('aad.manifest.json (the Entra app for tab single sign-on)', () => {
  const aad = JSON.parse(readRepoFile('aad.manifest.json'));
  const scope = aad.api.oauth2PermissionScopes.find(
    (s: { value: string }) => s.value === 'access_as_user',
  );

  it('is the app aadApp/create made, in your tenant only, issuing v2 tokens', () => {
    expect(aad.id).toBe('${{ENTRA_OBJECT_ID}}');
    expect(aad.appId).toBe('${{ENTRA_CLIENT_ID}}');
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
  });

  it('exposes an enabled access_as_user scope that people can consent to', () => {
    expect(scope).toMatchObject({
      id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}',
      type: 'User',
      isEnabled: true,
    });
  });

  it.each(Object.entries(TEAMS_CLIENTS))(
    'pre-authorises %s (%s) for access_as_user',
    (_, appId) => {
      const entry = aad.api.preAuthorizedApplications.find(
        (a: { appId: string }) => a.appId === appId,
      );
      expect(entry?.delegatedPermissionIds).toEqual([scope.id]);
    },
  );

  it('asks for the email and xms_edov claims in access tokens, the only email the tab links by', () => {
    const names = (aad.optionalClaims.accessToken as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['email', 'xms_edov']));
  });

  it('has no secret or password credential', () => {
    expect(aad.passwordCredentials ?? []).toEqual([]);
    expect(aad.keyCredentials ?? []).toEqual([]);
  });
});
