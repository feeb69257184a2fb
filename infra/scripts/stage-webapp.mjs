#!/usr/bin/env node
// Stages what App Service runs into one folder, for zip deploy:
//
//   node infra/scripts/stage-webapp.mjs [folder]      (default .deploy/webapp)
//
// Copies package.json, package-lock.json, .npmrc, bot/dist and tab/dist (run `npm run build`
// first). `npm ci --omit=dev --ignore-scripts` in that folder then adds only the runtime
// dependencies, so the build and test tools (most of node_modules) never reach App Service.
// teamsapp.yml runs both; docs/operations.md shows the same steps with the Azure CLI.
import { existsSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.resolve(root, process.argv[2] ?? path.join('.deploy', 'webapp'));

/** Files copied as they are; the lock file makes the runtime install reproducible. */
const FILES = ['package.json', 'package-lock.json', '.npmrc'];
/** Build outputs, each with a file that proves the build ran. */
const BUILT = [
  { dir: path.join('bot', 'dist'), proof: 'main.js' },
  { dir: path.join('tab', 'dist'), proof: 'index.html' },
];

function fail(message) {
  process.stderr.write(`stage-webapp: ${message}\n`);
  process.exit(1);
}

const relative = path.relative(root, target);
if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
  fail(`the folder must be inside the repository and not the repository itself: ${target}`);
}
for (const { dir, proof } of BUILT) {
  if (!existsSync(path.join(root, dir, proof))) {
    fail(`${path.join(dir, proof)} is missing: run \`npm run build\` first`);
  }
}

await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
for (const file of FILES) {
  if (existsSync(path.join(root, file))) await cp(path.join(root, file), path.join(target, file));
}
for (const { dir } of BUILT) {
  await cp(path.join(root, dir), path.join(target, dir), { recursive: true });
}
process.stdout.write(`Staged the Web App package in ${relative}\n`);
