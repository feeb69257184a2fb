import { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { JobStore } from '../../platform/storage/jobs/job-store';
import { Scheduler } from '../../platform/storage/jobs/scheduler';
import type { TableStore } from '../../platform/storage/table-store';
import { RosterService, type RosterStores } from '../cohorts/index';
import {
  JourneyJobHandler,
  type JourneyJobDeps,
  type JourneyServices,
  type JourneyStores,
  type MembershipLookup,
  createJourneyServices,
} from '../journey/index';
import { DevService } from './services/dev-service';

/** What the staged demo is written through: the store, the repositories, who is in which pair. */
export interface DemoJourneyDeps {
  store: TableStore;
  stores: JourneyStores & RosterStores;
  memberships: MembershipLookup;
}

/**
 * The demo's past, as it happened. Messages due in the past count as sent (nobody in the demo
 * has Teams); everything else is the product's own work, unchanged: its job handler decides
 * what each due job means (an introduction moves the pair on, a window closed without a meeting
 * is missed and asks for a check-in, the final review completes the pair).
 */
const storyDelivery: JourneyJobDeps['delivery'] = {
  deliver: () => Promise.resolve('done'),
  alert: () => Promise.resolve('done'),
  timeZoneOf: (ctx) => Promise.resolve(ctx.timeZone),
};

/**
 * The real services and scheduler over the real store, on a clock of their own that walks
 * forward through the demo's past: each step moves it, runs what fell due on the way, then acts
 * as a person would. Time only moves forward (the scheduler's watermark follows it).
 */
export class DemoTimeline {
  readonly clock = new Clock();
  readonly services: JourneyServices;
  readonly roster: RosterService;
  private readonly dev: DevService;
  private started = false;

  constructor(
    private readonly deps: DemoJourneyDeps,
    log: Logger,
  ) {
    const now = () => this.clock.now();
    // Quiet: the demo's past is not news; what is left pending is the running service's to do.
    const quiet = log.child({ demoSeed: true }, { level: 'warn' });
    const jobs = new JobStore(deps.store, { clock: now });
    this.services = createJourneyServices({
      stores: deps.stores,
      jobs,
      memberships: deps.memberships,
      now,
      log: quiet,
    });
    const { journey } = this.services;
    this.roster = new RosterService(deps.stores, now, (cohortId, pairIds) =>
      journey.scheduleIntroductions(cohortId, pairIds),
    );
    const handler = new JourneyJobHandler({
      journey,
      delivery: storyDelivery,
      followUps: jobs,
      now,
      log: quiet,
    });
    const scheduler = new Scheduler(jobs, handler.handle, {
      owner: 'demo-seed',
      clock: now,
      log: quiet,
      intervalMs: 0,
      // One at a time, as the story is told (both partners' final reviews complete the pair once).
      concurrency: 1,
    });
    this.dev = new DevService({
      clock: this.clock,
      scheduler,
      jobs,
      sweepAnnouncements: () => Promise.resolve(),
      mintToken: () => Promise.reject(new Error('The demo seed signs nobody in')),
      log: quiet,
    });
  }

  /** Who is in which pair, as a person's sign-in finds it. */
  membershipsOf(userId: string) {
    return this.deps.memberships.membershipsOf(userId);
  }

  now(): Date {
    return this.clock.now();
  }

  /** Moves the story to `instant` (never back) and runs everything that fell due on the way. */
  async at(instant: Date): Promise<void> {
    const now = this.clock.now().getTime();
    // The story's clock keeps flowing while a step runs: a step never starts before it.
    if (this.started && instant.getTime() < now - 60_000) {
      throw new Error(`The demo's story went back in time (to ${instant.toISOString()})`);
    }
    if (!this.started || instant.getTime() > now) this.dev.moveClock(instant);
    this.started = true;
    const run = await this.dev.runDue();
    if (run.failed > 0) throw new Error(`The demo's jobs failed at ${run.now}`);
  }
}
