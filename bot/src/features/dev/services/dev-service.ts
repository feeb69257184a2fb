import type { DevToken, DevTokenRequest, DevUser } from '../../../contracts/dev';
import type { Logger } from '../../../platform/logger';
import { WATERMARK_LAG_MINUTES, bucketOf } from '../../../platform/storage/jobs/job-store';
import type { TickResult } from '../../../platform/storage/jobs/scheduler';
import { DEMO_PEOPLE } from '../demo-cohort';

export interface DevDeps {
  clock: { now(): Date; set(instant: Date): void };
  scheduler: { tick(): Promise<TickResult> };
  jobs: { watermark(): Promise<string | undefined> };
  /** Starts announcements and event reminders whose time has come (the fan-out sends them). */
  sweepAnnouncements(): Promise<void>;
  /** Signs a development token for a demo person (dev sign-in only). */
  mintToken(user: DevTokenRequest): Promise<DevToken>;
  log: Logger;
}

/** What running everything due did, summed over the scheduler's passes. */
export type RunTotals = TickResult;

/**
 * Development only: sign in as a demo person without Entra, and move time (the service's
 * clock, then run what is due) for tests and demos.
 */
export class DevService {
  constructor(private readonly deps: DevDeps) {}

  users(): DevUser[] {
    return DEMO_PEOPLE;
  }

  token(user: DevTokenRequest): Promise<DevToken> {
    return this.deps.mintToken(user);
  }

  /** Moves the service's clock; answers the new now. */
  moveClock(now: Date): string {
    this.deps.clock.set(now);
    const moved = this.deps.clock.now().toISOString();
    this.deps.log.info({ now: moved }, 'dev clock moved');
    return moved;
  }

  /**
   * Runs everything due. After a long jump the scheduler catches up a range at a time, and jobs
   * can cause follow-ups due at once (a missed window's check-ins): run until quiet and caught
   * up. Announcements and event reminders whose time has come start too.
   */
  async runDue(): Promise<RunTotals & { now: string }> {
    const { clock, scheduler, jobs } = this.deps;
    const totals: RunTotals = {
      processed: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      claimedByOthers: 0,
    };
    const lagged = clock.now().getTime() - WATERMARK_LAG_MINUTES * 60_000;
    const caughtUp = bucketOf(new Date(lagged));
    for (let round = 0; round < 200; round++) {
      const result = await scheduler.tick();
      for (const key of Object.keys(totals) as (keyof RunTotals)[]) {
        totals[key] += result[key];
      }
      const quiet = result.processed + result.skipped + result.failed + result.retried === 0;
      const mark = await jobs.watermark();
      if (quiet && (mark === undefined || mark >= caughtUp)) break;
    }
    await this.deps.sweepAnnouncements();
    return { now: clock.now().toISOString(), ...totals };
  }
}
