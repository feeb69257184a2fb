/**
 * Builds the Teams app package: fills the manifest template's `${{VAR}}` placeholders,
 * validates the result offline against the schema bundled in @microsoft/app-manifest,
 * checks the icons and zips manifest.json, color.png and outline.png.
 *
 * Every check returns a list of problems (empty when all is well) so the CLI can print
 * them all at once and the tests can assert on them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const APP_PACKAGE_DIR = path.join(REPO_ROOT, 'appPackage');
export const DEFAULT_ENV_FILE = path.join(REPO_ROOT, 'env', '.env.local');
export const DEFAULT_OUT_DIR = path.join(APP_PACKAGE_DIR, 'build');

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Manifest = { [key: string]: JsonValue };
export type EnvValues = Record<string, string>;

/** A failure the person running the packager can act on; `problems` lists each one. */
export class AppPackageError extends Error {
  constructor(
    summary: string,
    readonly problems: string[],
  ) {
    super([summary, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
    this.name = 'AppPackageError';
  }
}

// ---------------------------------------------------------------------------------------------
// Environment files and placeholder values
// ---------------------------------------------------------------------------------------------

function unquote(raw: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  if (quoted) return quoted[2] ?? '';
  return raw.replace(/\s+#.*$/, '').trim();
}

/** Parses KEY=VALUE lines. Blank lines, `# comments` and a leading `export ` are allowed. */
export function parseEnvFile(text: string): EnvValues {
  const values: EnvValues = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    values[match[1]!] = unquote(match[2] ?? '');
  }
  return values;
}

/** `env/.env.dev` → `dev`; any other file name is used as it is, made safe for a file name. */
export function envNameFromFile(envFile: string): string {
  const base = path.basename(envFile);
  const name = base.startsWith('.env.') ? base.slice('.env.'.length) : base;
  return name.replace(/[^A-Za-z0-9_-]/g, '-') || 'default';
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Variables that default to a value worked out from another one. */
const DERIVED_FROM: Record<string, string> = { TAB_DOMAIN: 'TAB_ENDPOINT' };

/** Values worked out from others when not given: TAB_DOMAIN is the host of TAB_ENDPOINT. */
function derivedValues(values: EnvValues): EnvValues {
  const derived: EnvValues = {};
  const tabDomain = values.TAB_ENDPOINT ? hostOf(values.TAB_ENDPOINT) : undefined;
  // An unparseable endpoint is left for validation to report, naming the field.
  if (values.TAB_DOMAIN === undefined && tabDomain) derived.TAB_DOMAIN = tabDomain;
  return derived;
}

/** process.env wins over the env file; derived values fill in only what neither gives. */
export function resolveValues(fileValues: EnvValues, processEnv: NodeJS.ProcessEnv): EnvValues {
  const given: EnvValues = { ...fileValues };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined) given[key] = value;
  }
  return { ...derivedValues(given), ...given };
}

// ---------------------------------------------------------------------------------------------
// Filling the template
// ---------------------------------------------------------------------------------------------

function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  }
  return value;
}

/** Every placeholder name the template uses, sorted. */
export function listPlaceholders(template: JsonValue): string[] {
  const names = new Set<string>();
  mapStrings(template, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1]!);
    return text;
  });
  return [...names].sort();
}

/**
 * Placeholders the template uses that have no value (an empty value counts as set).
 * A derived variable is left out while its source is missing: setting the source fixes both.
 */
export function missingVariables(template: JsonValue, values: EnvValues): string[] {
  const missing = listPlaceholders(template).filter((name) => values[name] === undefined);
  return missing.filter((name) => {
    const source = DERIVED_FROM[name];
    return source === undefined || !missing.includes(source);
  });
}

function withoutDuplicateDomains(manifest: Manifest): Manifest {
  const domains = manifest.validDomains;
  if (!Array.isArray(domains)) return manifest;
  return { ...manifest, validDomains: [...new Set(domains)] };
}

/**
 * Replaces every `${{VAR}}` inside the template's strings. Substituting after parsing
 * keeps values with quotes or backslashes from breaking the JSON.
 * Throws AppPackageError naming every variable that has no value.
 */
export function fillTemplate(
  template: Manifest,
  values: EnvValues,
  whereToSet = 'the env file or the environment',
): Manifest {
  const missing = missingVariables(template, values);
  if (missing.length > 0) {
    throw new AppPackageError(
      `The manifest template needs ${missing.length} variable(s) that are not set. ` +
        `Set them in ${whereToSet}:`,
      missing,
    );
  }
  const filled = mapStrings(template, (text) =>
    text.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? ''),
  ) as Manifest;
  return withoutDuplicateDomains(filled);
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

type BundledSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

function appManifestPackageDir(): string {
  return path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
}

/** Path of the Teams schema that @microsoft/app-manifest bundles for this manifest version. */
export function bundledSchemaPath(manifestVersion: string): string {
  return path.join(
    appManifestPackageDir(),
    'build',
    'json-schemas',
    'teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
}

function expectedSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

async function loadBundledSchema(manifestVersion: string): Promise<BundledSchema | undefined> {
  const schemaPath = bundledSchemaPath(manifestVersion);
  if (!existsSync(schemaPath)) return undefined;
  return JSON.parse(await readFile(schemaPath, 'utf8')) as BundledSchema;
}

/**
 * Validates against the schema file bundled in @microsoft/app-manifest. The schema is
 * passed in explicitly, so the library never falls back to downloading it.
 */
export async function validateAgainstBundledSchema(manifest: Manifest): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion must be a string such as "1.30"'];
  const schema = await loadBundledSchema(version);
  if (!schema) {
    return [`@microsoft/app-manifest does not bundle a schema for manifestVersion ${version}`];
  }
  const problems: string[] = [];
  if (manifest.$schema !== expectedSchemaUrl(version)) {
    problems.push(`$schema must be ${expectedSchemaUrl(version)}`);
  }
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as unknown as AppManifest,
    schema,
  );
  return [...problems, ...schemaErrors];
}

function asRecord(value: JsonValue | undefined): Record<string, JsonValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** Every page Teams loads or links to, with where it sits in the manifest. */
function pageUrls(manifest: Manifest): Array<[string, string]> {
  const urls: Array<[string, JsonValue | undefined]> = [];
  const developer = asRecord(manifest.developer);
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    urls.push([`developer.${key}`, developer[key]]);
  }
  asArray(manifest.staticTabs).forEach((tab, i) => {
    const { contentUrl, websiteUrl } = asRecord(tab);
    urls.push(
      [`staticTabs[${i}].contentUrl`, contentUrl],
      [`staticTabs[${i}].websiteUrl`, websiteUrl],
    );
  });
  asArray(manifest.configurableTabs).forEach((tab, i) => {
    urls.push([`configurableTabs[${i}].configurationUrl`, asRecord(tab).configurationUrl]);
  });
  return urls.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

function checkValidDomains(domains: JsonValue[]): string[] {
  return domains.flatMap((domain) => {
    if (typeof domain !== 'string' || domain.trim() === '') {
      return ['validDomains has an empty entry'];
    }
    const hostOnly = !/^[a-z]+:\/\//i.test(domain) && !domain.includes('/');
    return hostOnly
      ? []
      : [`validDomains entry "${domain}" must be a host name only, without https:// or a path`];
  });
}

function checkPageUrls(manifest: Manifest, domains: JsonValue[]): string[] {
  return pageUrls(manifest).flatMap(([where, url]) => {
    if (!url.startsWith('https://')) return [`${where} must use https:// (got "${url}")`];
    const host = hostOf(url);
    if (host === undefined) return [`${where} is not a valid URL (got "${url}")`];
    return domains.includes(host) ? [] : [`${where} is on ${host}, which is not in validDomains`];
  });
}

function checkSingleSignOn(manifest: Manifest): string[] {
  const { id, resource } = asRecord(manifest.webApplicationInfo);
  if (typeof resource !== 'string') return [];
  if (!resource.startsWith('api://')) return ['webApplicationInfo.resource must start with api://'];
  if (typeof id === 'string' && !resource.endsWith(`/${id}`)) {
    return [
      'webApplicationInfo.resource must end with the Entra client id (webApplicationInfo.id)',
    ];
  }
  return [];
}

/** Teams rules the JSON schema does not express but app validation and the client enforce. */
export function checkTeamsRules(manifest: Manifest): string[] {
  const text = JSON.stringify(manifest);
  const leftover = text.includes('${{') ? ['the manifest still contains a ${{…}} placeholder'] : [];
  const domains = asArray(manifest.validDomains);
  return [
    ...leftover,
    ...checkValidDomains(domains),
    ...checkPageUrls(manifest, domains),
    ...checkSingleSignOn(manifest),
  ];
}

/** Schema errors followed by Teams rule errors; empty when the manifest is fit to upload. */
export async function validateManifest(manifest: Manifest): Promise<string[]> {
  const schemaErrors = await validateAgainstBundledSchema(manifest);
  return [...schemaErrors, ...checkTeamsRules(manifest)];
}

/** Things that validate but will not install in a real tenant, such as all-zero GUIDs. */
export function placeholderWarnings(manifest: Manifest): string[] {
  const guids: Array<[string, JsonValue | undefined]> = [
    ['id (TEAMS_APP_ID)', manifest.id],
    ['bots[0].botId (BOT_ID)', asRecord(asArray(manifest.bots)[0]).botId],
    ['webApplicationInfo.id (ENTRA_CLIENT_ID)', asRecord(manifest.webApplicationInfo).id],
  ];
  return guids
    .filter(([, value]) => value === ZERO_GUID)
    .map(([where]) => `${where} is the all-zero placeholder GUID; provision before uploading`);
}

// ---------------------------------------------------------------------------------------------
// Icons
// ---------------------------------------------------------------------------------------------

export interface IconImages {
  color: Buffer;
  outline: Buffer;
}

function readPng(name: string, image: Buffer): PNG | string {
  try {
    return PNG.sync.read(image);
  } catch (error) {
    return `${name} is not a readable PNG (${(error as Error).message})`;
  }
}

function checkSize(name: string, png: PNG, size: number): string[] {
  return png.width === size && png.height === size
    ? []
    : [`${name} must be ${size}×${size} pixels, but is ${png.width}×${png.height}`];
}

/** Teams needs the outline icon white on transparent: each pixel clear, or white at any alpha. */
function countNonWhitePixels(png: PNG): { visible: number; nonWhite: number } {
  let visible = 0;
  let nonWhite = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) continue;
    visible += 1;
    const white = png.data[i] === 255 && png.data[i + 1] === 255 && png.data[i + 2] === 255;
    if (!white) nonWhite += 1;
  }
  return { visible, nonWhite };
}

function checkOutlineColours(name: string, png: PNG): string[] {
  const { visible, nonWhite } = countNonWhitePixels(png);
  if (visible === 0) return [`${name} is fully transparent; it needs a white symbol`];
  if (nonWhite > 0) {
    return [`${name} must be white (#FFFFFF) on transparent, but ${nonWhite} pixel(s) are not`];
  }
  return [];
}

export function checkIcons(
  images: IconImages,
  names = { color: 'color', outline: 'outline' },
): string[] {
  const color = readPng(names.color, images.color);
  const outline = readPng(names.outline, images.outline);
  const problems: string[] = [];
  if (typeof color === 'string') problems.push(color);
  else problems.push(...checkSize(names.color, color, COLOR_ICON_SIZE));
  if (typeof outline === 'string') problems.push(outline);
  else {
    problems.push(...checkSize(names.outline, outline, OUTLINE_ICON_SIZE));
    problems.push(...checkOutlineColours(names.outline, outline));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Building the package
// ---------------------------------------------------------------------------------------------

export interface BuildOptions {
  /** Folder holding manifest.json and the icons it names. */
  templateDir?: string;
  /** KEY=VALUE file with placeholder values; omit to use only `env`. */
  envFile?: string;
  /** Values that win over the env file, normally process.env. */
  env?: NodeJS.ProcessEnv;
  outDir?: string;
  /** Names the outputs; defaults to the env file's suffix (`.env.dev` → `dev`). */
  envName?: string;
}

export interface BuiltPackage {
  envName: string;
  zipPath: string;
  manifestPath: string;
  manifest: Manifest;
  warnings: string[];
}

async function readJsonFile(file: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new AppPackageError(`Could not read ${file}:`, [(error as Error).message]);
  }
}

async function readEnvValues(envFile: string | undefined): Promise<EnvValues> {
  if (envFile === undefined) return {};
  if (!existsSync(envFile)) throw new AppPackageError('Env file not found:', [envFile]);
  return parseEnvFile(await readFile(envFile, 'utf8'));
}

function iconFileName(manifest: Manifest, kind: 'color' | 'outline'): string {
  const name = asRecord(manifest.icons)[kind];
  if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
    throw new AppPackageError('Icons must be files at the package root:', [`icons.${kind}`]);
  }
  return name;
}

async function readIcons(templateDir: string, manifest: Manifest): Promise<Map<string, Buffer>> {
  const icons = new Map<string, Buffer>();
  for (const kind of ['color', 'outline'] as const) {
    const name = iconFileName(manifest, kind);
    const file = path.join(templateDir, name);
    if (!existsSync(file)) throw new AppPackageError('Icon file not found:', [file]);
    icons.set(name, await readFile(file));
  }
  return icons;
}

/** The zip Teams accepts: manifest.json and the icons, all at the root. */
export function zipAppPackage(manifest: Manifest, icons: Map<string, Buffer>): Buffer {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const [name, image] of icons) zip.addFile(name, image);
  return zip.toBuffer();
}

function iconProblems(manifest: Manifest, icons: Map<string, Buffer>): string[] {
  const names = {
    color: iconFileName(manifest, 'color'),
    outline: iconFileName(manifest, 'outline'),
  };
  return checkIcons({ color: icons.get(names.color)!, outline: icons.get(names.outline)! }, names);
}

/**
 * Fills, validates and zips the app package. Writes `appPackage.<env>.zip` and the filled
 * `manifest.<env>.json` to the output folder. Throws AppPackageError listing every problem.
 */
export async function buildAppPackage(options: BuildOptions = {}): Promise<BuiltPackage> {
  const templateDir = options.templateDir ?? APP_PACKAGE_DIR;
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const envName =
    options.envName ?? (options.envFile ? envNameFromFile(options.envFile) : 'default');

  const template = await readJsonFile(path.join(templateDir, 'manifest.json'));
  const values = resolveValues(await readEnvValues(options.envFile), options.env ?? {});
  const whereToSet = options.envFile
    ? `${path.relative(process.cwd(), options.envFile) || options.envFile} or the environment`
    : 'the environment';
  const manifest = fillTemplate(template, values, whereToSet);

  const manifestErrors = await validateManifest(manifest);
  if (manifestErrors.length > 0) {
    throw new AppPackageError(`The filled manifest for "${envName}" is not valid:`, manifestErrors);
  }
  const icons = await readIcons(templateDir, manifest);
  const iconErrors = iconProblems(manifest, icons);
  if (iconErrors.length > 0) throw new AppPackageError('The icons are not valid:', iconErrors);

  await mkdir(outDir, { recursive: true });
  const manifestPath = path.join(outDir, `manifest.${envName}.json`);
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await writeFile(zipPath, zipAppPackage(manifest, icons));
  return { envName, zipPath, manifestPath, manifest, warnings: placeholderWarnings(manifest) };
}
