import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../support/free-port';

const ROOT = path.resolve(__dirname, '../..');

/** `npm start` as a person runs it after `npm install`: it builds first, then serves. */
function npmStart(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => text, exited };
}

/** Stops npm and the service it started (its own process group). */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, exited: Promise<number | null>): Promise<number> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    try {
      const response = await fetch(url);
      return response.status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error('npm start exited before serving /healthz');
}

describe('npm start from a fresh install', () => {
  jest.setTimeout(600_000);

  it('builds what it needs, then serves /healthz', async () => {
    const port = await freePort();
    const run = npmStart({
      PORT: String(port),
      NODE_ENV: 'development',
      AUTH_MODE: 'dev',
      STORAGE_IN_MEMORY: 'true',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    try {
      const status = await waitForHealth(`http://127.0.0.1:${port}/healthz`, run.exited);
      expect({ status, output: status === 200 ? '' : run.output() }).toEqual({
        status: 200,
        output: '',
      });
    } finally {
      stopGroup(run.child);
      await run.exited;
    }
  });

  it('refuses a bad configuration, naming the variable', async () => {
    const run = npmStart({ PORT: 'not-a-port', NODE_ENV: 'development' });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toMatch(/PORT: must be a number/);
  });
});
