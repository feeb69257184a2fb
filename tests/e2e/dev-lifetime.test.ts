import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { reach } from '../support/net-probe';

/**
 * Nothing outlives `npm run dev`: stopped gently (SIGTERM, as Ctrl+C) or hard (kill -9 of npm
 * itself), every process it started ends and the ports it held are free again.
 */

const ROOT = path.resolve(__dirname, '../..');

/** Every process below `root`, read from /proc. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone while we looked
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is gone in every way that matters (it holds no port and runs nothing).
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 160);
  } catch {
    return '(gone)';
  }
}

/** A process's state, parent and what it waits in (from /proc), for a failure's message. */
function stateOf(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1];
    const wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8');
    return `state ${field('State')}, parent ${field('PPid')}, waiting in ${wchan || '-'}`;
  } catch {
    return '(gone)';
  }
}

/** Waits (generously: a loaded machine is slow to stop) until none of `pids` is alive. */
async function untilAllEnded(pids: number[], output: string[]): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (!pids.some(isAlive)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const alive = pids.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}\n  ${stateOf(pid)}`);
  throw new Error(
    `still running after 300 s:\n${alive.join('\n')}\n\nwhat npm run dev printed:\n${output.join('\n')}`,
  );
}

interface DevRun {
  npm: ChildProcess;
  /** Resolves as it starts building the tab, before storage, the service or the Playground. */
  building: Promise<void>;
  summary: Promise<string[]>;
  /** Everything printed so far (it keeps growing after the summary). */
  output: string[];
}

/** Processes whose environment carries `marker` (every process one run started, reparented too). */
function carrying(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(marker))
        found.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return found.filter(isAlive);
}

function npmRunDev(marker = 'none'): DevRun {
  const npm = spawn('npm', ['run', 'dev', '--', '--in-memory'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      PLAYGROUND_PORT: '0',
      LOG_LEVEL: 'warn',
      DEV_LIFETIME_RUN: marker,
    },
  });
  const lines: string[] = [];
  npm.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const building = new Promise<void>((resolve) => {
    createInterface({ input: npm.stdout! }).on('line', (line) => {
      if (line.includes('Building the tab')) resolve();
    });
  });
  const summary = new Promise<string[]>((resolve, reject) => {
    createInterface({ input: npm.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.includes('Press Ctrl+C to stop.')) resolve(lines);
    });
    npm.once('exit', () => reject(new Error(`npm run dev exited:\n${lines.join('\n')}`)));
  });
  return { npm, building, summary, output: lines };
}

function portsIn(summary: string[]): number[] {
  return summary
    .filter((l) => /^\s*(Tab|Chat)\s/.test(l))
    .map((l) => Number(/:(\d+)\//.exec(l)?.[1] ?? /:(\d+)\b/.exec(l)?.[1]));
}

describe('npm run dev ends everything it started', () => {
  jest.setTimeout(900_000);
  const leftovers: number[] = [];

  afterAll(() => {
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });

  for (const [how, signal] of [
    ['gently (SIGTERM to npm)', 'SIGTERM'],
    ['hard (kill -9 of npm alone)', 'SIGKILL'],
  ] as const) {
    it(`when stopped ${how}`, async () => {
      const run = npmRunDev();
      const summary = await run.summary;
      const ports = portsIn(summary);
      expect(ports).toHaveLength(2);
      for (const port of ports) expect(await reach('127.0.0.1', port)).toBe('connected');
      const started = descendantsOf(run.npm.pid!);
      leftovers.push(...started);
      // npm, its shell, tsx, the script, embedded storage and the Playground.
      expect(started.length).toBeGreaterThanOrEqual(4);

      process.kill(run.npm.pid!, signal);

      await untilAllEnded(started, run.output);
      for (const port of ports) expect(await reach('127.0.0.1', port)).toBe('ECONNREFUSED');
    });
  }

  // Failed before: the chain above was read only once everything had started, so with npm
  // already gone it missed npm, watched the tsx process alone, and nothing ever stopped.
  it('when npm is killed -9 while it is still starting', async () => {
    const marker = `run-${process.pid}-${Date.now()}`;
    const run = npmRunDev(marker);
    run.summary.catch(() => undefined); // npm's own exit rejects it: expected here
    await run.building;
    process.kill(run.npm.pid!, 'SIGKILL');
    // Whatever it goes on to start (storage, the service, the Playground) must end too.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const started = carrying(marker);
    leftovers.push(...started);
    await untilAllEnded(started, run.output);
    // And what it started after that look, once their parent is gone.
    await untilAllEnded(carrying(marker), run.output);
    expect(carrying(marker)).toEqual([]);
  });
});
