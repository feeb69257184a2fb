import type { Logger } from '../../../platform/logger';
import type { AnnouncementRepository } from '../store/announcement-repository';
import type { Completion } from './aggregate/completion';
import type { AudienceExpansion } from './prepare/expansion';
import type { FanoutQueue } from './queue/fanout-queue';
import type { FanoutWorker } from './send/fanout-worker';

/** How often every instance sweeps. */
export const SWEEP_MS = 2000;
/** While messages are still in hand, every this many sweeps look for rows whose sender died. */
const RELEASE_EVERY = 15;

/**
 * The pipeline's clock: every couple of seconds, on every instance (all steps are idempotent),
 * sends whose time has come go to prepare, and sends that have drained go to aggregate. It
 * drives the stages from outside, so no stage calls back into an earlier one.
 */
export class FanoutSweep {
  private sweeps = 0;
  private sweeping?: Promise<void>;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly repo: Pick<AnnouncementRepository, 'dueBy' | 'active'>,
    private readonly queue: Pick<FanoutQueue, 'approximateCount'>,
    private readonly expansion: Pick<AudienceExpansion, 'start'>,
    private readonly completion: Pick<Completion, 'finishIfDrained' | 'releaseAbandoned'>,
    private readonly worker: Pick<FanoutWorker, 'stats' | 'isHolding'>,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (!this.sweeping) void this.sweepSafely();
    }, SWEEP_MS);
  }

  /** No more sweeps on the clock (one under way goes on: see `settled`). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves once the sweep under way (if any) has ended. */
  async settled(): Promise<void> {
    await this.sweeping?.catch(() => undefined);
  }

  private async sweepSafely(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.log.warn({ err: error }, 'fan-out sweep failed; will try again');
    }
  }

  /**
   * Starts sends whose time has come and finishes sends that have drained. One sweep at a time
   * per instance: a call while one runs waits for it, then sweeps again.
   */
  async sweep(): Promise<void> {
    const previous = this.sweeping;
    const mine = (async () => {
      await previous?.catch(() => undefined);
      await this.sweepOnce();
    })();
    this.sweeping = mine;
    try {
      await mine;
    } finally {
      if (this.sweeping === mine) this.sweeping = undefined;
    }
  }

  private async sweepOnce(): Promise<void> {
    const now = this.now();
    this.sweeps += 1;
    const stale: string[] = [];
    for (const due of await this.repo.dueBy(now)) {
      const outcome = await this.expansion.start(due.cohortId, due.announcementId);
      if (outcome === 'stale') stale.push(due.announcementId);
    }
    if (stale.length > 0) {
      this.log.info({ count: stale.length, ids: stale }, 'reminders past their moment skipped');
    }
    const active = await this.repo.active();
    if (active.length === 0) return;
    const drained =
      (await this.queue.approximateCount()) === 0 && this.worker.stats().messages === 0;
    if (!drained && this.sweeps % RELEASE_EVERY !== 0) return;
    for (const a of active) {
      if (drained || !this.worker.isHolding(a.announcementId)) {
        await this.completion.finishIfDrained(a.cohortId, a.announcementId);
      } else {
        // Still sending it here, so it cannot be finished: only look for rows whose sender died
        // (reading every row of a large send every half minute would stall this instance).
        await this.completion.releaseAbandoned(a.announcementId);
      }
    }
  }
}
