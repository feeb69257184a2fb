import type { ChildProcess } from 'node:child_process';

/** Where the supervisor reports what it does (the service's pino logger fits). */
export interface SupervisorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const FIRST_DELAY_MS = 200;
const LONGEST_DELAY_MS = 5_000;
const STOP_GRACE_MS = 5_000;

/**
 * Keeps the embedded storage child running: when it dies without being asked to (killed,
 * crashed), it is started again on the same ports and data directory, after a pause that grows
 * with each failed attempt. Clients keep their connection string and heal on their own; each
 * restart is logged. `stop()` ends supervision first, so a deliberate stop is never undone.
 */
export class StorageSupervisor {
  private child: ChildProcess;
  private stopping = false;
  private relaunching: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  restarts = 0;

  constructor(
    first: ChildProcess,
    private readonly relaunch: () => Promise<{ child: ChildProcess }>,
    private readonly options: { log?: SupervisorLog; supervise: boolean },
  ) {
    this.child = first;
    this.watch(first);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private watch(child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (this.stopping || !this.options.supervise || child !== this.child) return;
      this.options.log?.warn(
        { pid: child.pid, code, signal },
        'embedded storage stopped unexpectedly; restarting it',
      );
      this.relaunching = this.restart().finally(() => (this.relaunching = undefined));
    });
  }

  private async restart(): Promise<void> {
    let delay = FIRST_DELAY_MS;
    for (let attempt = 1; !this.stopping; attempt++) {
      await this.pause(delay);
      if (this.stopping) return;
      try {
        const { child } = await this.relaunch();
        if (this.stopping) {
          await this.end(child);
          return;
        }
        this.child = child;
        this.restarts += 1;
        this.watch(child);
        this.options.log?.info(
          { pid: child.pid, attempt, restarts: this.restarts },
          'embedded storage restarted',
        );
        return;
      } catch (error) {
        this.options.log?.error(
          { err: error, attempt, retryInMs: Math.min(delay * 2, LONGEST_DELAY_MS) },
          'embedded storage did not restart; trying again',
        );
        delay = Math.min(delay * 2, LONGEST_DELAY_MS);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.relaunching;
    await this.end(this.child);
  }

  /** Asks a child to stop (its stdin closes), and kills it if it has not gone in time. */
  private async end(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await gone;
    clearTimeout(timer);
  }
}
