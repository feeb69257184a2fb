/**
 * `npm run dev`: the whole product on one machine, from a fresh clone.
 *
 * Builds the tab, starts embedded storage (Azurite, persisted under .data/ unless --in-memory),
 * the service (bot + tab + API, seeding the demo cohort into an empty store) and the
 * Microsoft 365 Agents Playground pointed at the bot, then prints the URLs to open.
 *
 *   npm run dev                 persisted storage under .data/
 *   npm run dev -- --in-memory  storage lost when you stop
 *   npm run dev -- --no-playground
 *
 * Nothing it starts outlives it, even after kill -9 of npm (see dev-lifetime.ts).
 * Everything listens on 127.0.0.1 only (HOST may open the service, with a warning; the
 * Playground stays on loopback).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { stringify } from 'yaml';
import { ConfigError, loadConfig } from '../src/app/config';
import { DEMO_PEOPLE } from '../src/features/dev/demo-cohort';
import { demoPlaygroundConfig } from '../src/features/dev/playground-config';
import { createLogger } from '../src/platform/logger';
import { startService } from '../src/app/service';
import { stopWithAncestors } from './dev-lifetime';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, '.data');
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
/** How long a stop may take to finish in-flight work before everything ends regardless. */
const STOP_LIMIT_MS = 15_000;
/** Makes the Playground listen on 127.0.0.1 only (it has no option for it; see the file). */
const PLAYGROUND_LOOPBACK = pathToFileURL(path.join(__dirname, 'listen-host.mjs')).href;
/** Makes the Playground end when this script ends, however it ends. */
const EXIT_WITH_PARENT = pathToFileURL(path.join(__dirname, 'exit-with-parent.mjs')).href;

function buildTab(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'tab/build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The tab did not build (see above).');
}

function startPlayground(
  botEndpoint: string,
): Promise<{ url: string; stop(signal?: NodeJS.Signals): void }> {
  mkdirSync(DATA, { recursive: true });
  const configFile = path.join(DATA, 'm365agentsplayground.yml');
  writeFileSync(configFile, stringify(demoPlaygroundConfig()), 'utf8');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      PLAYGROUND_LOOPBACK,
      '--import',
      EXIT_WITH_PARENT,
      require.resolve('@microsoft/m365agentsplayground/cli.js'),
      '-e',
      botEndpoint,
      '-p',
      String(PLAYGROUND_PORT),
      '-c',
      'msteams',
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(DATA, 'playground.log'),
      },
    },
  );
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  process.on('exit', () => stop('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The Playground did not start within 60 s.')),
      60_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /Listening on (\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://localhost:${match[1]}`, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Playground exited (code ${code}); see .data/playground.log`));
    });
  });
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const inMemory = args.has('--in-memory');
  const withPlayground = !args.has('--no-playground');

  let config;
  try {
    config = loadConfig({
      ...process.env,
      STORAGE_IN_MEMORY: inMemory ? 'true' : process.env.STORAGE_IN_MEMORY,
      STORAGE_DATA_DIR: process.env.STORAGE_DATA_DIR ?? path.join(DATA, 'azurite'),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  console.log('Building the tab…');
  buildTab();

  const log = createLogger(config.logLevel);
  const service = await startService(config, log);
  await service.ready;

  let playground: { url: string; stop(signal?: NodeJS.Signals): void } | undefined;
  if (withPlayground) playground = await startPlayground(`${service.url}/api/messages`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // A graceful stop finishes in-flight work; if it cannot within the limit, end regardless
    // (the Playground is killed on exit, and embedded storage ends with this process).
    setTimeout(() => process.exit(1), STOP_LIMIT_MS).unref();
    playground?.stop();
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // A hard stop of `npm run dev` ends npm alone; stop with it. Watched before "running" is
  // printed: a stop that follows the message at once (a script, a test) must find the chain
  // whole, or a chain read after npm is gone misses it and nothing ever stops.
  stopWithAncestors(() => void stop());

  const line = '─'.repeat(72);
  console.log(`\n${line}`);
  console.log(' Reverse mentoring is running locally');
  console.log(line);
  const storage =
    config.storage.kind !== 'embedded'
      ? config.storage.kind
      : config.storage.inMemory
        ? 'embedded Azurite, in memory (lost when you stop)'
        : `embedded Azurite, kept in ${path.relative(ROOT, config.storage.dataDir)}`;
  const rows: [string, string][] = [
    ['Tab', `${service.url}/tab/  (sign in as a demo person)`],
    [
      'Chat',
      playground ? `${playground.url}  (Agents Playground: you are Amara)` : 'Playground off',
    ],
    ['Health', `${service.url}/healthz`],
    ['Bot endpoint', `${service.url}/api/messages`],
    ['Storage', storage],
    ['Demo people', DEMO_PEOPLE.map((p) => p.name).join(', ')],
  ];
  for (const [label, value] of rows) console.log(` ${label.padEnd(13)} ${value}`);
  if (config.hostWarning) console.log(`${line}\n WARNING: ${config.hostWarning}`);
  console.log(`${line}\n Press Ctrl+C to stop.\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
