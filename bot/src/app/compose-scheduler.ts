import type { Job } from '../platform/storage/jobs/job';
import type { JobStore } from '../platform/storage/jobs/job-store';
import { type HandlerResult, Scheduler } from '../platform/storage/jobs/scheduler';
import type { Logger } from '../platform/logger';

/** One feature's jobs: which they are, and how one is handled. */
export interface JobRoute {
  owns(job: Job): boolean;
  handle(job: Job): Promise<HandlerResult>;
}

/**
 * The one scheduler over the job store: each job goes to the first feature that owns it, else
 * to the journey. Journey jobs due for one person at one time go out as one message (bundled
 * by recipient); other features' jobs run on their own (one message a day still holds: they
 * share the journey's daily ledger).
 */
export function composeScheduler(deps: {
  jobs: JobStore;
  owner: string;
  now: () => Date;
  log: Logger;
  intervalMs: number;
  /** Checked in order before the journey. */
  routes: readonly JobRoute[];
  journey: {
    handle(job: Job): Promise<HandlerResult>;
    handleBundle(jobs: Job[]): Promise<Map<string, HandlerResult>>;
  };
}): Scheduler {
  const { routes, journey } = deps;
  const routeOf = (job: Job) => routes.find((r) => r.owns(job));
  return new Scheduler(deps.jobs, (job) => (routeOf(job) ?? journey).handle(job), {
    owner: deps.owner,
    clock: deps.now,
    log: deps.log,
    intervalMs: deps.intervalMs,
    bundling: {
      key: (job) =>
        job.recipientId && !routeOf(job) ? `participant:${job.recipientId}` : undefined,
      handler: (bundle) => journey.handleBundle(bundle),
    },
  });
}
