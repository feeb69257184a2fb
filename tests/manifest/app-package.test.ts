import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import {
  AppPackageError,
  buildAppPackage,
  checkIcons,
  checkTeamsRules,
  parseEnvFile,
  REPO_ROOT,
  validateAgainstBundledSchema,
  type BuiltPackage,
  type Manifest,
} from '../../bot/scripts/app-package';

// @microsoft/app-manifest requires strip-bom, which is ESM-only. Node loads it with
// require(esm), but Jest's module loader cannot, and validation never calls it anyway.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const ENVIRONMENTS = ['local', 'dev'] as const;

let outDir: string;
const built = new Map<string, BuiltPackage>();

function envFile(envName: string): string {
  return path.join(REPO_ROOT, 'env', `.env.${envName}`);
}

function envValues(envName: string): Record<string, string> {
  return parseEnvFile(readFileSync(envFile(envName), 'utf8'));
}

function packageFor(envName: string): BuiltPackage {
  const result = built.get(envName);
  if (!result) throw new Error(`no package was built for ${envName}`);
  return result;
}

function zipEntries(envName: string): AdmZip {
  return new AdmZip(packageFor(envName).zipPath);
}

function manifestInZip(envName: string): { text: string; manifest: Manifest } {
  const text = zipEntries(envName).readAsText('manifest.json');
  return { text, manifest: JSON.parse(text) as Manifest };
}

function pngInZip(envName: string, name: string): PNG {
  const data = zipEntries(envName).readFile(name);
  if (!data) throw new Error(`${name} is missing from the zip`);
  return PNG.sync.read(data);
}

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) rgba.forEach((v, c) => (png.data[i + c] = v));
  return PNG.sync.write(png);
}

function clone(manifest: Manifest): Manifest {
  return JSON.parse(JSON.stringify(manifest)) as Manifest;
}

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string }>;
}

function commandTitles(manifest: Manifest, scope: string): string[] {
  const bots = manifest.bots as unknown as Array<{ commandLists: CommandList[] }>;
  const lists = bots[0]?.commandLists ?? [];
  return lists
    .filter((list) => list.scopes.includes(scope))
    .flatMap((list) => list.commands.map((c) => c.title));
}

let fetchSpy: jest.SpyInstance;

beforeAll(async () => {
  fetchSpy = jest
    .spyOn(globalThis, 'fetch')
    .mockRejectedValue(new Error('the app package must build without the network'));
  outDir = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  for (const envName of ENVIRONMENTS) {
    built.set(envName, await buildAppPackage({ envFile: envFile(envName), env: {}, outDir }));
  }
});

afterAll(() => {
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
  rmSync(outDir, { recursive: true, force: true });
});

describe.each(ENVIRONMENTS)('the %s app package', (envName) => {
  it('is written as appPackage.<env>.zip beside the filled manifest.<env>.json', () => {
    const result = packageFor(envName);
    expect(path.basename(result.zipPath)).toBe(`appPackage.${envName}.zip`);
    expect(path.basename(result.manifestPath)).toBe(`manifest.${envName}.json`);
  });

  it('holds exactly manifest.json and the two icons at the root of the zip', () => {
    const names = zipEntries(envName)
      .getEntries()
      .map((entry) => entry.entryName)
      .sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has every ${{…}} placeholder replaced', () => {
    const { text } = manifestInZip(envName);
    expect(text).not.toContain('${{');
    expect(readFileSync(packageFor(envName).manifestPath, 'utf8')).not.toContain('${{');
  });

  it('passes validation against the schema bundled in @microsoft/app-manifest', async () => {
    const { manifest } = manifestInZip(envName);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(await validateAgainstBundledSchema(manifest)).toEqual([]);
    expect(checkTeamsRules(manifest)).toEqual([]);
  });

  it('has a 192×192 colour icon', () => {
    const color = pngInZip(envName, 'color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('has a 32×32 outline icon whose pixels are all either fully transparent or white', () => {
    const outline = pngInZip(envName, 'outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [0, 1, 2, 3].map((c) => outline.data[i + c]);
      if (a === 0) continue;
      visible += 1;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(0);
  });

  it('lets people ask the bot for help in every scope, and programme teams announce', () => {
    const { manifest } = manifestInZip(envName);
    expect(commandTitles(manifest, 'personal')).toEqual(
      expect.arrayContaining(['help', 'my pair', 'log meeting', 'end pairing']),
    );
    expect(commandTitles(manifest, 'team')).toEqual(['help', 'announce']);
    expect(commandTitles(manifest, 'groupChat')).toEqual(['help', 'announce']);
  });

  it('offers the configurable tab in teams, including shared and private channels', () => {
    const { manifest } = manifestInZip(envName);
    const [tab] = manifest.configurableTabs as Array<{
      scopes: string[];
      configurationUrl: string;
    }>;
    expect(tab?.scopes).toContain('team');
    expect(tab?.configurationUrl).toBe(`${envValues(envName).TAB_ENDPOINT}/tab/config.html`);
    expect(manifest.supportedChannelTypes).toEqual(['sharedChannels', 'privateChannels']);
  });

  it('points tab single sign-on at the Entra client id from the env file', () => {
    const { manifest } = manifestInZip(envName);
    const values = envValues(envName);
    const info = manifest.webApplicationInfo as { id: string; resource: string };
    expect(info.id).toBe(values.ENTRA_CLIENT_ID);
    expect(info.resource).toBe(`api://${values.BOT_DOMAIN}/${values.ENTRA_CLIENT_ID}`);
  });
});

describe('manifest validation', () => {
  it('fails a manifest whose bot has no botId', async () => {
    const broken = clone(packageFor('local').manifest);
    const bots = broken.bots as Array<Record<string, unknown>>;
    delete bots[0]!.botId;
    const errors = await validateAgainstBundledSchema(broken);
    expect(errors.join('\n')).toMatch(/botId/);
  });

  it('fails a manifest whose app id is not a GUID', async () => {
    const broken = { ...clone(packageFor('local').manifest), id: 'not-a-guid' };
    const errors = await validateAgainstBundledSchema(broken);
    expect(errors.some((error) => error.startsWith('/id '))).toBe(true);
  });

  it('fails a manifest that lists a URL instead of a host name in validDomains', () => {
    const broken = { ...clone(packageFor('local').manifest), validDomains: ['https://x.example'] };
    expect(checkTeamsRules(broken).join('\n')).toMatch(/host name only/);
  });
});

describe('icon checks', () => {
  it('accepts the shipped icons', () => {
    const color = readFileSync(path.join(REPO_ROOT, 'appPackage', 'color.png'));
    const outline = readFileSync(path.join(REPO_ROOT, 'appPackage', 'outline.png'));
    expect(checkIcons({ color, outline })).toEqual([]);
  });

  it('rejects an outline icon that is not white, and icons of the wrong size', () => {
    const problems = checkIcons({
      color: solidPng(96, [0, 121, 111, 255]),
      outline: solidPng(32, [255, 0, 0, 255]),
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/192×192/);
    expect(problems.join('\n')).toMatch(/white/);
  });
});

describe('placeholder values', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'app-package-env-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('names every variable that has no value', async () => {
    const partial = path.join(scratch, '.env.partial');
    writeFileSync(
      partial,
      '# only some values\nTEAMS_APP_ID=d2c1b7a4-5f0e-4c8b-9a31-6e4f2b7c8d10\n',
    );
    const attempt = buildAppPackage({ envFile: partial, env: {}, outDir: scratch });
    await expect(attempt).rejects.toBeInstanceOf(AppPackageError);
    await expect(attempt).rejects.toMatchObject({
      problems: ['APP_NAME_SUFFIX', 'BOT_DOMAIN', 'BOT_ID', 'ENTRA_CLIENT_ID', 'TAB_ENDPOINT'],
    });
  });

  it('takes values from the environment over the env file', async () => {
    const botId = '11111111-2222-4333-8444-555555555555';
    const result = await buildAppPackage({
      envFile: envFile('local'),
      env: { BOT_ID: botId },
      outDir: scratch,
    });
    const bots = result.manifest.bots as Array<{ botId: string }>;
    expect(bots[0]?.botId).toBe(botId);
  });

  it('reads quoted values and ignores comments in env files', () => {
    const values = parseEnvFile('# comment\nA=1\nB=" (dev)"\nexport C=x # trailing\n\n');
    expect(values).toEqual({ A: '1', B: ' (dev)', C: 'x' });
  });
});
