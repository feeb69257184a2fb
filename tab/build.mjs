#!/usr/bin/env node
// Builds the Teams tab: `node tab/build.mjs` (production) or `node tab/build.mjs --watch` (development).
//
// Output (tab/dist/):
//   assets/main-<hash>.js + chunks/   the ES module entry and its lazily loaded chunks
//   index.html, config.html            rendered from tab/public/page.html with the hashed entry file
//   build-meta.json                    bytes and gzip bytes of the initial JS (entry + static imports)
import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fluentImports } from './build/fluent-imports.mjs';

const tabDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(tabDir, '..');
const watch = process.argv.includes('--watch');
/** Where the service serves the tab from. */
const finalDir = path.join(tabDir, 'dist');
/**
 * Where this build writes. A watch build writes in place; a one-off build (npm test, npm start,
 * a deploy) writes to a staging folder and then moves each file into tab/dist with one rename,
 * so a service or test reading tab/dist while another build runs never finds it empty or a
 * file half written.
 */
const distDir = watch ? finalDir : path.join(tabDir, `.dist-staging-${process.pid}`);
const assetsDir = path.join(distDir, 'assets');
const publicDir = path.join(tabDir, 'public');
const entryPoint = path
  .relative(rootDir, path.join(tabDir, 'src', 'main.tsx'))
  .split(path.sep)
  .join('/');
const template = 'page.html';
/** Each page is the one template with its own title and page name. */
const pages = [
  { file: 'index.html', title: 'Reverse mentoring', page: 'tab' },
  { file: 'config.html', title: 'Reverse mentoring: set up the tab', page: 'config' },
];

/** The whole initial JS (entry chunk and everything it imports statically) must stay under this. */
const INITIAL_JS_GZIP_BUDGET = 300 * 1024;
/** Node-only packages (TeamsFx's Node build pulls them in): never part of the browser bundle. */
const NODE_ONLY = ['@azure/msal-node', '@azure/identity', 'botbuilder', 'botframework-connector'];
/** Loaded with import() only inside Teams (tab/src/app/sso-credential.ts): never in the initial JS. */
const LAZY_ONLY = ['@microsoft/teamsfx', '@azure/msal-browser'];

// The service's NODE_ENV says how the service runs, not how the tab is built: a build is for
// production unless it watches for a developer's edits.
const mode = watch ? 'development' : 'production';
const production = mode === 'production';

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: rootDir,
  entryPoints: [entryPoint],
  outdir: assetsDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  minify: production,
  sourcemap: true,
  metafile: true,
  legalComments: production ? 'linked' : 'inline',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'media/[name]-[hash]',
  define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  logLevel: 'warning',
  // Fluent components used only in lazy views stay out of the initial JS (see the plugin).
  plugins: [fluentImports({ sourceDir: path.join(tabDir, 'src') })],
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const toPosix = (p) => p.split(path.sep).join('/');
/** Metafile output paths are relative to rootDir; HTML and meta use paths relative to dist. */
const distRelative = (output) => toPosix(path.relative(distDir, path.join(rootDir, output)));

function findEntryOutput(metafile) {
  const found = Object.entries(metafile.outputs).find(
    ([file, out]) => out.entryPoint === entryPoint && file.endsWith('.js'),
  );
  if (!found) throw new Error(`esbuild produced no output for ${entryPoint}`);
  return found;
}

/** The entry chunk plus every chunk reachable through static `import` statements. */
function initialFiles(metafile, entryFile) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of metafile.outputs[file]?.imports ?? []) {
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    }
  };
  visit(entryFile);
  return [...seen];
}

/** The npm packages whose files are among `inputs`, nested ones (a/node_modules/b) included. */
function packagesIn(inputs) {
  const names = new Set();
  for (const input of inputs) {
    for (const match of input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//g)) {
      names.add(match[1]);
    }
  }
  return [...names].sort();
}

async function sizeOf(file) {
  const content = await readFile(path.join(rootDir, file));
  return { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

async function renderHtml(entryFile, staticImports, cssFile) {
  const entrySrc = `./${distRelative(entryFile)}`;
  const preloads = staticImports
    .map((f) => `<link rel="modulepreload" href="./${distRelative(f)}" />`)
    .join('\n    ');
  const stylesheet = cssFile ? `<link rel="stylesheet" href="./${distRelative(cssFile)}" />` : '';
  const source = await readFile(path.join(publicDir, template), 'utf8');
  if (!source.includes('<!-- tab:entry -->')) {
    throw new Error(`tab/public/${template} has no <!-- tab:entry --> marker`);
  }
  for (const { file, title, page } of pages) {
    const html = source
      .replace('<!-- tab:title -->', title)
      .replace('<!-- tab:page -->', page)
      .replace('<!-- tab:preloads -->', [stylesheet, preloads].filter(Boolean).join('\n    '))
      .replace('<!-- tab:entry -->', `<script type="module" src="${entrySrc}"></script>`);
    await writeFile(path.join(distDir, file), html);
  }
}

/** Watch builds write new hashed files each time; remove the ones the latest build no longer uses. */
async function removeStaleAssets(metafile) {
  const keep = new Set(Object.keys(metafile.outputs).map((f) => path.join(rootDir, f)));
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!keep.has(full)) await rm(full);
    }
  };
  await walk(assetsDir);
}

async function afterBuild(metafile) {
  const [entryFile] = findEntryOutput(metafile);
  const files = initialFiles(metafile, entryFile);
  const cssFile = metafile.outputs[entryFile]?.cssBundle;
  await renderHtml(entryFile, files.slice(1), cssFile);
  await removeStaleAssets(metafile);

  const initial = await Promise.all(
    files.map(async (f) => ({ file: distRelative(f), ...(await sizeOf(f)) })),
  );
  const lazy = await Promise.all(
    Object.keys(metafile.outputs)
      .filter((f) => f.endsWith('.js') && !files.includes(f))
      .map(async (f) => ({ file: distRelative(f), ...(await sizeOf(f)) })),
  );
  const initialPackages = packagesIn(files.flatMap((f) => Object.keys(metafile.outputs[f].inputs)));
  const bundledPackages = packagesIn(Object.keys(metafile.inputs));
  const problems = [
    ...NODE_ONLY.filter((name) => bundledPackages.includes(name)).map(
      (name) => `${name} is Node-only code and must not be bundled for the browser`,
    ),
    ...LAZY_ONLY.filter((name) => initialPackages.includes(name)).map(
      (name) => `${name} must be loaded with import() inside Teams, not in the initial JS`,
    ),
  ];
  const initialJsBytes = initial.reduce((sum, f) => sum + f.bytes, 0);
  const initialJsGzipBytes = initial.reduce((sum, f) => sum + f.gzipBytes, 0);
  const meta = {
    mode,
    builtAt: new Date().toISOString(),
    entry: distRelative(entryFile),
    initialJsBytes,
    initialJsGzipBytes,
    budgetGzipBytes: INITIAL_JS_GZIP_BUDGET,
    withinBudget: initialJsGzipBytes <= INITIAL_JS_GZIP_BUDGET,
    initialFiles: initial,
    lazyChunks: lazy,
    initialPackages,
    bundledPackages,
    problems,
  };
  await writeFile(path.join(distDir, 'build-meta.json'), `${JSON.stringify(meta, null, 2)}\n`);

  console.log(`tab build (${mode}): ${meta.entry}`);
  for (const f of initial)
    console.log(`  initial  ${f.file}  ${kb(f.bytes)}  (${kb(f.gzipBytes)} gzip)`);
  for (const f of lazy)
    console.log(`  lazy     ${f.file}  ${kb(f.bytes)}  (${kb(f.gzipBytes)} gzip)`);
  console.log(
    `  initial JS: ${kb(initialJsBytes)}, ${kb(initialJsGzipBytes)} gzip ` +
      `(budget ${kb(INITIAL_JS_GZIP_BUDGET)} gzip)`,
  );
  return meta;
}

/** Every file below `dir`, as paths relative to it. */
async function filesBelow(dir) {
  const found = [];
  const walk = async (sub) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) await walk(rel);
      else found.push(rel);
    }
  };
  await walk('');
  return found;
}

/** Moves a staged build into place file by file (each a rename), then drops what it left out. */
async function publish(from, to) {
  const files = await filesBelow(from);
  for (const rel of files) {
    await mkdir(path.dirname(path.join(to, rel)), { recursive: true });
    await rename(path.join(from, rel), path.join(to, rel));
  }
  const keep = new Set(files);
  for (const rel of await filesBelow(to)) if (!keep.has(rel)) await rm(path.join(to, rel));
  await rm(from, { recursive: true, force: true });
}

async function ensureTemplates() {
  const s = await stat(path.join(publicDir, template)).catch(() => null);
  if (!s?.isFile()) throw new Error(`Missing template tab/public/${template}`);
}

async function main() {
  await ensureTemplates();
  await rm(distDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  if (watch) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [
        ...options.plugins,
        {
          name: 'tab-html-and-meta',
          setup(build) {
            build.onEnd(async (result) => {
              if (result.errors.length > 0 || !result.metafile) return;
              try {
                await afterBuild(result.metafile);
              } catch (error) {
                console.error(`tab build: ${error instanceof Error ? error.message : error}`);
              }
            });
          },
        },
      ],
    });
    await ctx.watch();
    console.log('tab build: watching tab/src for changes (Ctrl+C to stop)');
    return;
  }

  const result = await esbuild.build(options);
  const meta = await afterBuild(result.metafile);
  await publish(distDir, finalDir);
  for (const problem of meta.problems) {
    console.error(`tab build: ${problem}`);
    process.exitCode = 1;
  }
  if (!meta.withinBudget) {
    console.error(
      `tab build: initial JS is ${kb(meta.initialJsGzipBytes)} gzip, over the ` +
        `${kb(INITIAL_JS_GZIP_BUDGET)} budget. Lazy-load the new code with import().`,
    );
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
