import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type PlaygroundServer, startPlayground } from '../support/playground';
import { nonLoopbackAddresses, reach } from '../support/net-probe';

/**
 * `npm run dev` listens on this machine only (issue 12, hole 2): the service and the Agents
 * Playground accept connections on 127.0.0.1 and refuse them on every other address the machine
 * has; HOST opens the service, and the dev script says so. Nothing here opens a browser.
 */

const ROOT = path.resolve(__dirname, '../..');
const addresses = nonLoopbackAddresses();

interface DevRun {
  child: ChildProcess;
  output: string[];
  /** Resolves with the printed summary once "Press Ctrl+C to stop." appears. */
  started: Promise<string[]>;
  exited: Promise<void>;
}

/** Runs `npm run dev -- <args>` (the script itself, through tsx) on free ports. */
function runDev(args: string[], env: Record<string, string> = {}): DevRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/scripts/dev.ts', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      PLAYGROUND_PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const started = new Promise<string[]>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (line.includes('Press Ctrl+C to stop.')) resolve(output);
    });
    void exited.then(() => reject(new Error(`npm run dev exited:\n${output.join('\n')}`)));
  });
  return { child, output, started, exited };
}

/** Stops the dev script as Ctrl+C would; it stops the Playground and the service. */
async function stop(run: DevRun): Promise<void> {
  if (run.child.exitCode === null) {
    try {
      process.kill(-run.child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
  }
  await run.exited;
}

function portOf(summary: string[], label: string): number {
  const line = summary.find((l) => l.trimStart().startsWith(label));
  const match = /https?:\/\/[^\s:]+:(\d+)/.exec(line ?? '');
  if (!match) throw new Error(`no ${label} URL in:\n${summary.join('\n')}`);
  return Number(match[1]);
}

async function expectLoopbackOnly(port: number): Promise<void> {
  expect(await reach('127.0.0.1', port)).toBe('connected');
  for (const address of addresses) {
    expect({ address, port, outcome: await reach(address, port) }).toEqual({
      address,
      port,
      outcome: 'ECONNREFUSED',
    });
  }
}

describe('npm run dev listens on loopback only', () => {
  it('binds the service and the Playground to 127.0.0.1', async () => {
    const run = runDev(['--in-memory']);
    try {
      const summary = await run.started;
      expect(summary.join('\n')).toMatch(/Tab\s+http:\/\/127\.0\.0\.1:\d+\/tab\//);
      expect(summary.join('\n')).not.toMatch(/WARNING/);
      await expectLoopbackOnly(portOf(summary, 'Tab'));
      await expectLoopbackOnly(portOf(summary, 'Chat'));
    } finally {
      await stop(run);
    }
  });

  it('opens the service when HOST says so, and warns about it', async () => {
    const run = runDev(['--in-memory', '--no-playground'], { HOST: '0.0.0.0' });
    try {
      const summary = (await run.started).join('\n');
      expect(summary).toMatch(/WARNING: HOST=0\.0\.0\.0: .*anyone on the network/);
      // The service's own log says it too (pino, level 40 = warn).
      expect(summary).toMatch(/"level":40.*"msg":"HOST=0\.0\.0\.0: /);
    } finally {
      await stop(run);
    }
  });
});

describe('the Agents Playground as the tests start it', () => {
  let playground: PlaygroundServer | undefined;

  afterAll(() => playground?.stop());

  it('listens on 127.0.0.1 only', async () => {
    playground = await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages' });
    const ping = await fetch(`http://127.0.0.1:${playground.port}/_debug/ping`);
    expect(await ping.text()).toBe('pong');
    await expectLoopbackOnly(playground.port);
  });
});
