import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envTemplate, readRepoFile, REPO_ROOT } from './toolkit-model';

const STAGE_SCRIPT = path.join(REPO_ROOT, 'infra', 'scripts', 'stage-webapp.mjs');

interface LockEntry {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

/** Packages .webappignore leaves out of node_modules as a whole (`node_modules/<name>/`). */
function packagesLeftOut(): string[] {
  return readRepoFile('.webappignore')
    .split('\n')
    .map((line) => /^node_modules\/((?:@[^/]+\/)?[^/*]+)\/$/.exec(line.trim())?.[1])
    .filter((name): name is string => name !== undefined && name !== '.bin');
}

/** Every package the server can load, following package-lock.json from the given roots. */
function reachableFrom(roots: string[]): Set<string> {
  const lock = JSON.parse(readRepoFile('package-lock.json')) as {
    packages: Record<string, LockEntry>;
  };
  const resolve = (from: string, name: string): string | undefined => {
    let dir = from;
    for (;;) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!dir) return undefined;
      const parent = dir.lastIndexOf('/node_modules/');
      dir = parent === -1 ? '' : dir.slice(0, parent);
    }
  };
  const seen = new Set<string>();
  const queue = roots.map((name) => resolve('', name)).filter((p): p is string => !!p);
  while (queue.length > 0) {
    const location = queue.pop()!;
    if (seen.has(location)) continue;
    seen.add(location);
    const entry = lock.packages[location]!;
    const peers = Object.keys(entry.peerDependencies ?? {}).filter(
      (name) => !entry.peerDependenciesMeta?.[name]?.optional,
    );
    const names = [...Object.keys(entry.dependencies ?? {}), ...peers];
    for (const name of names) {
      const target = resolve(location, name);
      if (target) queue.push(target);
    }
  }
  return new Set([...seen].map((location) => location.replace(/^.*node_modules\//, '')));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'([^']+)'/g),
    ...text.matchAll(/\brequire(?:\.resolve)?\(\s*'([^']+)'\s*\)/g),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function gitIgnores(relative: string): boolean {
  const result = spawnSync('git', ['check-ignore', '--no-index', '-q', relative], {
    cwd: REPO_ROOT,
  });
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`git check-ignore failed: ${result.error?.message ?? result.stderr}`);
  }
  return result.status === 0;
}

describe('the App Service package', () => {
  it('leaves out only tab libraries the server never loads, directly or through a dependency', () => {
    const leftOut = packagesLeftOut();
    expect(leftOut).toEqual(expect.arrayContaining(['@fluentui', 'react-dom']));
    const runtime = Object.keys(JSON.parse(readRepoFile('package.json')).dependencies);
    const isLeftOut = (name: string) => leftOut.some((p) => name === p || name.startsWith(`${p}/`));
    const serverImports = sourceFiles(path.join(REPO_ROOT, 'bot', 'src'))
      .flatMap(importsOf)
      .map(packageOf);
    expect([...new Set(serverImports.filter(isLeftOut))]).toEqual([]);
    // Everything the server imports is a runtime dependency, so `npm ci --omit=dev` installs it.
    const missing = serverImports.filter(
      (name) => !runtime.includes(name) && !name.startsWith('azurite'),
    );
    expect([...new Set(missing)]).toEqual([]);
    const reachable = reachableFrom(runtime.filter((name) => !isLeftOut(name)));
    expect([...reachable].filter(isLeftOut)).toEqual([]);
  });

  it('never carries local settings or secrets', () => {
    const lines = readRepoFile('.webappignore').split('\n');
    for (const pattern of ['.env', '.env.*', '.localConfigs', '.data/']) {
      expect(lines).toContain(pattern);
    }
  });
});

describe('infra/scripts/stage-webapp.mjs', () => {
  let root: string;

  function run(...args: string[]) {
    return spawnSync(
      process.execPath,
      [path.join(root, 'infra/scripts/stage-webapp.mjs'), ...args],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
  }

  function write(relative: string, text = 'x'): void {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }

  function listFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  }

  beforeEach(() => {
    // A copy of the repository's shape: the script finds the root from its own location.
    root = mkdtempSync(path.join(os.tmpdir(), 'stage-webapp-'));
    write('infra/scripts/stage-webapp.mjs', readFileSync(STAGE_SCRIPT, 'utf8'));
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) write(file, '{}');
    write('bot/dist/main.js');
    write('bot/dist/api/routes.js');
    write('tab/dist/index.html');
    write('bot/src/main.ts');
    write('tests/x.test.ts');
    write('env/.env.dev.user', 'SECRET_X=1');
    write('node_modules/esbuild/index.js');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('stages only the manifest files and the built service and tab', () => {
    const result = run('.deploy/webapp');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(listFiles(path.join(root, '.deploy/webapp'))).toEqual(
      [
        '.npmrc',
        'bot/dist/api/routes.js',
        'bot/dist/main.js',
        'package-lock.json',
        'package.json',
        'tab/dist/index.html',
      ].map((p) => path.normalize(p)),
    );
  });

  it('starts from an empty folder each time', () => {
    write('.deploy/webapp/stale.js');
    expect(run('.deploy/webapp').status).toBe(0);
    expect(existsSync(path.join(root, '.deploy/webapp/stale.js'))).toBe(false);
  });

  it('refuses to run before a build, naming the command to run', () => {
    rmSync(path.join(root, 'tab/dist'), { recursive: true });
    const result = run('.deploy/webapp');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/npm run build/);
  });

  it('refuses to stage outside the repository or over it', () => {
    for (const target of ['..', '.', os.tmpdir()]) {
      const result = run(target);
      expect([target, result.status]).toEqual([target, 1]);
    }
    expect(existsSync(path.join(root, 'bot/src/main.ts'))).toBe(true);
  });
});

describe('secrets stay out of git', () => {
  it('ignores env/.env.*.user, .localConfigs and the deployment folders', () => {
    for (const file of [
      'env/.env.dev.user',
      'env/.env.local.user',
      'env/.env.prod.user',
      '.localConfigs',
      '.deploy/webapp/package.json',
      '.deployment/deployment.zip',
    ]) {
      expect([file, gitIgnores(file)]).toEqual([file, true]);
    }
    expect(gitIgnores('env/.env.dev')).toBe(false);
  });

  it.each(['dev', 'local'])('keeps env/.env.%s a template with no secret in it', (envName) => {
    const values = envTemplate(envName);
    const secretNames = Object.keys(values).filter((name) =>
      /SECRET|PASSWORD|_KEY$|CONNECTION_STRING/.test(name),
    );
    expect(secretNames).toEqual([]);
    // Entra client secrets (`abc8Q~…`), storage keys, PEM keys.
    const secretLooking = Object.entries(values).filter(([, value]) =>
      /\b[\w.-]{3}\dQ~[\w.~-]{30,}|AccountKey=|[A-Za-z0-9+/]{60,}={0,2}|-----BEGIN/.test(value),
    );
    expect(secretLooking).toEqual([]);
  });
});
