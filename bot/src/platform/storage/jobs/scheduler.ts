import type { Job } from './job';
import { type Logger, withLogContext } from '../../logger';
import { eachLimited } from '../batch';
import { groupByBundle } from './bundles';
import { DEFAULT_DUE_LIMIT, DEFAULT_LEASE_MS, type DueJob, type JobStore } from './job-store';

/**
 * Runs due jobs exactly once across any number of instances: due → claim → handler → complete.
 * Knows nothing about what a job does; the handler decides, and says how it went.
 */

/** 'done' and 'skipped' finish the job; `retryAt` runs it again then, without using an attempt. */
export type HandlerResult = 'done' | 'skipped' | { retryAt: Date };
export type JobHandler = (job: Job) => Promise<HandlerResult>;
/** Handles jobs due together that share a bundle key; answers for each job by id. */
export type BundleHandler = (jobs: Job[]) => Promise<Map<string, HandlerResult>>;

/** Optional bundling: jobs due in one tick with the same key are handled in one call. */
export interface Bundling {
  key: (job: Job) => string | undefined;
  handler: BundleHandler;
}

export interface SchedulerOptions {
  /** Names this instance in claims; unique per process (e.g. host name + pid). */
  owner: string;
  clock: () => Date;
  log: Logger;
  /** Pause between ticks; a tick that found a full batch is followed at once. */
  intervalMs?: number;
  /** Handlers running at once within a tick. */
  concurrency?: number;
  leaseMs?: number;
  /** Jobs one tick takes on. */
  batchSize?: number;
  maxAttempts?: number;
  /** Delay before the next try after `attempt` failures. */
  retryDelayMs?: (attempt: number) => number;
  /** Handle jobs for the same key together (e.g. one message per person). */
  bundling?: Bundling;
}

export interface TickResult {
  /** The handler said 'done'. */
  processed: number;
  skipped: number;
  /** Gave up after the last attempt. */
  failed: number;
  /** Moved to later: the handler asked for it, or it threw and has attempts left. */
  retried: number;
  /** Another instance holds or already ran it. */
  claimedByOthers: number;
}

export const MAX_ATTEMPTS = 5;

/** 1, 4, 16, 60 minutes: quick enough for a blip, patient with a longer outage. */
export function defaultRetryDelayMs(attempt: number): number {
  return Math.min(60, 4 ** (attempt - 1)) * 60_000;
}

function emptyResult(): TickResult {
  return { processed: 0, skipped: 0, failed: 0, retried: 0, claimedByOthers: 0 };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class Scheduler {
  private readonly intervalMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private running?: Promise<TickResult>;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private started = false;
  private lastBatchFull = false;

  constructor(
    private readonly store: JobStore,
    private readonly handler: JobHandler,
    private readonly opts: SchedulerOptions,
  ) {
    this.intervalMs = opts.intervalMs ?? 60_000;
    this.concurrency = opts.concurrency ?? 8;
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.batchSize = opts.batchSize ?? DEFAULT_DUE_LIMIT;
    this.maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
    this.retryDelayMs = opts.retryDelayMs ?? defaultRetryDelayMs;
  }

  /** One pass over due work. A call while a tick runs joins it: ticks never overlap. */
  tick(): Promise<TickResult> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Ticks every `intervalMs` until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.timer = setTimeout(() => void this.loop(), 0);
  }

  /** Lets running handlers finish, gives back claims not yet started, and ticks no more. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    this.started = false;
  }

  private async loop(): Promise<void> {
    try {
      await this.tick();
    } catch (error) {
      // Storage down, most likely: the claims it held lapse and the next tick tries again.
      this.opts.log.error({ err: error }, 'scheduler tick failed');
    }
    if (this.stopping) return;
    this.timer = setTimeout(() => void this.loop(), this.lastBatchFull ? 0 : this.intervalMs);
  }

  private async runTick(): Promise<TickResult> {
    const result = emptyResult();
    if (this.stopping) return result;
    let due = await this.store.due(this.opts.clock(), this.batchSize);
    this.lastBatchFull = due.length >= this.batchSize;
    const key = this.opts.bundling?.key;
    if (key) {
      // Work that is not for one person runs first (it may create work for people, such as
      // a missed window's check-ins); then what is due is read again and bundled per person.
      const solo = due.filter((item) => key(item.job) === undefined);
      if (solo.length > 0 && solo.length < due.length) {
        await eachLimited(solo, this.concurrency, (item) => this.runGuarded(item, result));
        due = await this.store.due(this.opts.clock(), this.batchSize);
      }
    }
    await eachLimited(groupByBundle(due, key), this.concurrency, (items) =>
      items.length === 1 && !key?.(items[0]!.job)
        ? this.runGuarded(items[0]!, result)
        : this.runBundleGuarded(items, result),
    );
    const worked = result.processed + result.skipped + result.failed + result.retried;
    if (worked > 0) this.opts.log.info({ owner: this.opts.owner, ...result }, 'scheduler tick');
    return result;
  }

  private async runBundleGuarded(items: DueJob[], result: TickResult): Promise<void> {
    try {
      // Every line logged while the bundle runs (the sender's too) names its jobs.
      await withLogContext(
        {
          jobIds: items.map((i) => i.job.id),
          jobKinds: [...new Set(items.map((i) => i.job.kind))],
          schedulerOwner: this.opts.owner,
        },
        () => this.runBundle(items, result),
      );
    } catch (error) {
      this.opts.log.warn(
        { err: error, jobIds: items.map((i) => i.job.id) },
        'bundle bookkeeping failed; its jobs run again once their claims lapse',
      );
    }
  }

  /** Claims every job of a bundle it can, runs them in one handler call, settles each. */
  private async runBundle(items: DueJob[], result: TickResult): Promise<void> {
    if (this.stopping) return;
    const won: DueJob[] = [];
    for (const item of items) {
      if (await this.store.claim(item, this.opts.owner, this.opts.clock(), this.leaseMs)) {
        won.push(item);
      } else {
        result.claimedByOthers++;
      }
    }
    if (won.length === 0) return;
    if (this.stopping) {
      for (const item of won) await this.store.release(item);
      return;
    }
    let outcomes: Map<string, HandlerResult>;
    try {
      outcomes = await this.opts.bundling!.handler(won.map((item) => item.job));
    } catch (error) {
      for (const item of won) await this.onHandlerError(item, error, result);
      return;
    }
    for (const item of won) {
      const outcome = outcomes.get(item.job.id);
      if (outcome === undefined) {
        await this.onHandlerError(item, new Error('the bundle handler gave no outcome'), result);
      } else {
        await this.settle(item, outcome, result);
      }
    }
  }

  /** One job's storage trouble must not abandon the rest of the tick. */
  private async runGuarded(item: DueJob, result: TickResult): Promise<void> {
    try {
      await withLogContext(
        { jobId: item.job.id, jobKind: item.job.kind, schedulerOwner: this.opts.owner },
        () => this.runOne(item, result),
      );
    } catch (error) {
      this.opts.log.warn(
        { err: error, jobId: item.job.id },
        'job bookkeeping failed; it runs again once its claim lapses',
      );
    }
  }

  private async runOne(item: DueJob, result: TickResult): Promise<void> {
    if (this.stopping) return;
    if (!(await this.store.claim(item, this.opts.owner, this.opts.clock(), this.leaseMs))) {
      result.claimedByOthers++;
      return;
    }
    if (this.stopping) {
      await this.store.release(item);
      return;
    }
    let outcome: HandlerResult;
    try {
      outcome = await this.handler(item.job);
    } catch (error) {
      await this.onHandlerError(item, error, result);
      return;
    }
    await this.settle(item, outcome, result);
  }

  private async settle(item: DueJob, outcome: HandlerResult, result: TickResult): Promise<void> {
    if (outcome === 'done' || outcome === 'skipped') {
      await this.store.complete(item, outcome);
      result[outcome === 'done' ? 'processed' : 'skipped']++;
      return;
    }
    if (Number.isNaN(outcome.retryAt.getTime())) {
      await this.onHandlerError(
        item,
        new Error('handler asked to retry at an invalid date'),
        result,
      );
      return;
    }
    await this.moveAndRelease(item, outcome.retryAt);
    result.retried++;
  }

  private async onHandlerError(item: DueJob, error: unknown, result: TickResult): Promise<void> {
    const attempts = item.attempts + 1;
    const reason = reasonOf(error);
    const context = { jobId: item.job.id, kind: item.job.kind, attempts, reason };
    if (attempts >= this.maxAttempts) {
      await this.store.complete(item, 'failed', { attempts, reason });
      this.opts.log.error(context, 'job failed for good');
      result.failed++;
      return;
    }
    const retryAt = new Date(this.opts.clock().getTime() + this.retryDelayMs(attempts));
    await this.moveAndRelease(item, retryAt, { attempts, reason });
    this.opts.log.warn({ ...context, retryAt: retryAt.toISOString() }, 'job failed; will retry');
    result.retried++;
  }

  /** Moved before the claim is given back, so nobody can pick up the old due time. */
  private async moveAndRelease(
    item: DueJob,
    retryAt: Date,
    progress?: { attempts: number; reason: string },
  ): Promise<void> {
    await this.store.reschedule(item.job.id, retryAt, progress);
    await this.store.release(item);
  }
}
