import type { ScheduledJob } from './journey-jobs';

/**
 * Reminders have a moment they are for and a moment after which their words are wrong ("coming
 * up" once the action is due today, "due today" the day after). A job carries both in its
 * payload (`moment`, `staleAfter`); after downtime or a long push into working hours, a job past
 * its `staleAfter` is skipped, never sent late. Pure: `now` is a parameter.
 */

export interface JobMoments {
  /** The instant the reminder is about (UTC ISO): when it was meant to go. */
  moment: string;
  /** From this instant (UTC ISO) the reminder's words no longer hold. */
  staleAfter: string;
}

/** True once the job's words no longer hold; a job without `staleAfter` never goes stale. */
export function isPastItsMoment(job: Pick<ScheduledJob, 'payload'>, now: Date): boolean {
  const stale = job.payload.staleAfter;
  if (typeof stale !== 'string') return false;
  const at = Date.parse(stale);
  return !Number.isNaN(at) && now.getTime() >= at;
}
