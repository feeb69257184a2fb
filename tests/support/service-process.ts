import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  url: string;
  pid: number;
  /** Everything it logged, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  kill(): void;
  /** Sends a signal to the process group (the service) without waiting. */
  signal(signal: NodeJS.Signals): void;
  /** How it ended, once it has (its pipes closed too, so the service itself is gone). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the service as its own OS process (as one App Service instance would run), on a free
 * port, and resolves once it is listening with its storage ready.
 */
export function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    // tsx as a loader in the service's own process, not its CLI: the CLI relays a signal and,
    // if the child does not acknowledge it within 30 ms (a loaded machine), kills it outright.
    ['--import', 'tsx', 'bot/src/main.ts'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'info',
        SEED_DEMO: 'false',
        SCHEDULER_INTERVAL_SECONDS: '0',
        // As in test-service.ts: survey cards are walked in survey-sending.test.ts.
        SURVEY_SENDING: 'false',
        ...env,
      },
    },
  );
  const lines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let url = '';
    const timer = setTimeout(() => {
      kill('SIGKILL');
      reject(new Error(`the service did not start:\n${lines.join('\n')}`));
    }, 180_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.includes('"service listening"')) url = (JSON.parse(line) as { url: string }).url;
      if (url && line.includes('"storage ready"')) {
        clearTimeout(timer);
        resolve({
          url,
          pid: child.pid!,
          output: () => lines.join('\n'),
          kill: () => kill('SIGKILL'),
          signal: kill,
          exited,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!url) reject(new Error(`the service exited (${code}):\n${lines.join('\n')}`));
    });
  });
}
