import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TAB_DIST } from '../../bot/src/platform/http/tab-static';
import { REPO_ROOT } from './toolkit-model';

/**
 * The tab's initial JS (entry and its static imports) carries only what the first screen uses.
 * Every tab file imports Fluent from the barrel '@fluentui/react-components'; with code splitting
 * esbuild put each component re-exported through it in the chunk the entry loads, so Dialog,
 * Select and the date picker of lazily loaded views were in the initial JS. The build's plugin
 * (tab/build/fluent-imports.mjs) takes each import from the package the barrel re-exports it from.
 */

interface Metafile {
  outputs: Record<
    string,
    {
      entryPoint?: string;
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

/** Runs an ES module script with node in the repository (the plugin and esbuild are ESM). */
function runModule(script: string, env: Record<string, string> = {}): unknown {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`node failed (${result.error?.message ?? result.status}): ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as unknown;
}

const BUILD_FIXTURE = `
import path from 'node:path';
import * as esbuild from 'esbuild';
const { dir, withPlugin } = JSON.parse(process.env.FIXTURE);
const plugins = [];
if (withPlugin) {
  const { fluentImports } = await import('./tab/build/fluent-imports.mjs');
  plugins.push(fluentImports({ sourceDir: path.join(dir, 'src') }));
}
const result = await esbuild.build({
  absWorkingDir: dir,
  entryPoints: ['src/main.ts'],
  outdir: 'out',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  metafile: true,
  logLevel: 'silent',
  nodePaths: [path.resolve('node_modules')],
  plugins,
});
process.stdout.write(JSON.stringify(result.metafile));
`;

/** Inputs of the entry's output and of every output it imports statically, and of the rest. */
function splitInputs(meta: Metafile, entry: string): { initial: string[]; lazy: string[] } {
  const entryFile = Object.keys(meta.outputs).find(
    (file) => meta.outputs[file]!.entryPoint === entry && file.endsWith('.js'),
  )!;
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of meta.outputs[file]!.imports) {
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    }
  };
  visit(entryFile);
  const inputsOf = (files: string[]) => files.flatMap((f) => Object.keys(meta.outputs[f]!.inputs));
  const all = Object.keys(meta.outputs).filter((f) => f.endsWith('.js'));
  return {
    initial: inputsOf([...seen]),
    lazy: inputsOf(all.filter((f) => !seen.has(f))),
  };
}

const fromPackage = (name: string) => (input: string) => input.includes(`node_modules/${name}/`);

describe('tab/build/fluent-imports.mjs', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tab-build-'));
    mkdirSync(path.join(dir, 'src'));
    // The first screen shows a Button; a view loaded with import() opens a Dialog.
    writeFileSync(
      path.join(dir, 'src', 'main.ts'),
      [
        "import { Button, type Theme } from '@fluentui/react-components';",
        'const theme: Theme | undefined = undefined;',
        'export const shown = [Button, theme];',
        "export const later = () => import('./lazy-view');",
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'src', 'lazy-view.ts'),
      [
        "import { Dialog, DialogSurface, useFluent as useFluentContext } from '@fluentui/react-components';",
        "import type { DialogProps } from '@fluentui/react-components';",
        'export const parts = [Dialog, DialogSurface, useFluentContext];',
        'export type Props = DialogProps;',
        '',
      ].join('\n'),
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = (withPlugin: boolean) =>
    splitInputs(
      runModule(BUILD_FIXTURE, { FIXTURE: JSON.stringify({ dir, withPlugin }) }) as Metafile,
      'src/main.ts',
    );

  it('without it, a Dialog used only in a lazy view lands in the initial files (the problem)', () => {
    const { initial } = build(false);
    expect(initial.some(fromPackage('@fluentui/react-dialog'))).toBe(true);
  });

  it('with it, the Dialog stays in the lazy view and the Button in the initial files', () => {
    const { initial, lazy } = build(true);
    expect(initial.some(fromPackage('@fluentui/react-button'))).toBe(true);
    expect(initial.some(fromPackage('@fluentui/react-dialog'))).toBe(false);
    expect(lazy.some(fromPackage('@fluentui/react-dialog'))).toBe(true);
    // Resolved per package, never through the barrel.
    expect([...initial, ...lazy].some(fromPackage('@fluentui/react-components'))).toBe(false);
  });

  it('reads the symbol map from the installed barrel, renamed exports and all', () => {
    const found = runModule(`
      import { readFile } from 'node:fs/promises';
      import { readBarrelExports, barrelImportsOf } from './tab/build/fluent-imports.mjs';
      const file = 'node_modules/@fluentui/react-components/lib/index.js';
      const map = readBarrelExports(await readFile(file, 'utf8'), file);
      let refused = '';
      try { readBarrelExports("export * from '@fluentui/react-dialog';", 'star.js'); }
      catch (error) { refused = error.message; }
      const imports = barrelImportsOf(
        "import { Button, type Theme, Dialog as D } from '@fluentui/react-components';\\n" +
          "import type { DialogProps } from '@fluentui/react-components';",
        'view.tsx',
      );
      process.stdout.write(JSON.stringify({
        dialog: map.get('Dialog'), button: map.get('Button'), useFluent: map.get('useFluent'),
        size: map.size, refused, imports,
      }));
    `);
    expect(found).toEqual({
      dialog: { from: '@fluentui/react-dialog', name: 'Dialog' },
      button: { from: '@fluentui/react-button', name: 'Button' },
      useFluent: { from: '@fluentui/react-shared-contexts', name: 'useFluent_unstable' },
      size: expect.any(Number),
      refused: expect.stringContaining('star.js:1'),
      imports: { names: ['Button', 'Dialog'], whole: false },
    });
    expect((found as { size: number }).size).toBeGreaterThan(500);
  });
});

describe('the tab build (npm run build:tab)', () => {
  const metaFile = path.join(TAB_DIST, 'build-meta.json');

  beforeAll(() => {
    if (!existsSync(metaFile)) throw new Error('Build the tab first: npm run build:tab');
  });

  it('keeps what only lazy views use out of the initial JS', () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
      initialPackages: string[];
      bundledPackages: string[];
    };
    const lazyOnly = [
      '@fluentui/react-dialog',
      '@fluentui/react-select',
      '@fluentui/react-textarea',
      '@fluentui/react-input',
      '@fluentui/react-radio',
      '@fluentui/react-checkbox',
      '@fluentui/react-progress',
      '@fluentui/react-popover',
      '@fluentui/react-datepicker-compat',
      // The first screen validates nothing: the contracts' schemas load with the forms.
      'zod',
    ];
    for (const name of lazyOnly) expect(meta.bundledPackages).toContain(name);
    expect(meta.initialPackages.filter((name) => lazyOnly.includes(name))).toEqual([]);
  });

  it("maps the tab's code to its sources as written", () => {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { entry: string };
    const mapFile = path.join(TAB_DIST, `${meta.entry}.map`);
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
      sources: string[];
      sourcesContent: string[];
    };
    const tabSources = map.sources
      .map((source, i) => ({ file: path.resolve(path.dirname(mapFile), source), i }))
      .filter(({ file }) => file.startsWith(path.join(REPO_ROOT, 'tab', 'src')));
    expect(tabSources.map(({ file }) => path.basename(file))).toContain('home-view.tsx');
    for (const { file, i } of tabSources) {
      expect(map.sourcesContent[i]).toBe(readFileSync(file, 'utf8'));
    }
  });
});
