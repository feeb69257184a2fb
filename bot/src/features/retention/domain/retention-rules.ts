import { DateTime } from 'luxon';
import type { RetentionPeriods } from '../../../contracts/retention';

/**
 * The retention rules (docs/operations.md, "Retention"), pure: when a cohort counts as closed,
 * when each kind of personal data falls due for deletion, and the daily run's id and time.
 * Dates are UTC instants; months are calendar months (luxon), so 31 August + 6 months is
 * 28 or 29 February, never 2 March.
 */

/** What the rules need of a cohort. */
export interface CohortClosure {
  status?: 'open' | 'closed' | 'archived';
  /** ISO instant the cohort was closed, when it was recorded. */
  closedAt?: string;
  /** ISO date (yyyy-mm-dd) the cohort ends. */
  endDate: string;
  /** ISO instant its personal rows were deleted (its summary kept); absent until then. */
  retainedAt?: string;
}

/**
 * When the cohort closed: its recorded closing time, else (closed or archived before the time
 * was recorded) the end of its end date, UTC. An open cohort has not closed: nothing is due.
 */
export function closedAt(cohort: CohortClosure): DateTime | undefined {
  if ((cohort.status ?? 'open') === 'open') return undefined;
  const recorded = cohort.closedAt ? DateTime.fromISO(cohort.closedAt, { zone: 'utc' }) : undefined;
  if (recorded?.isValid) return recorded;
  const end = DateTime.fromISO(cohort.endDate, { zone: 'utc' });
  return end.isValid ? end.endOf('day') : undefined;
}

/** The instant a closed cohort's data of this kind falls due: `months` after it closed. */
export function dueAt(closed: DateTime, months: number): DateTime {
  return closed.plus({ months });
}

export interface RetentionDue {
  /** Its special-category answers are deleted. */
  sensitive: boolean;
  /** Its applications of people never matched are deleted. */
  unmatched: boolean;
  /** Its personal rows are deleted, its suppressed summary kept (until it is marked retained). */
  cohort: boolean;
}

/** What of a cohort's data is due for deletion at `now`. */
export function retentionDue(
  cohort: CohortClosure,
  now: Date,
  periods: RetentionPeriods,
): RetentionDue {
  const closed = closedAt(cohort);
  if (!closed) return { sensitive: false, unmatched: false, cohort: false };
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  return {
    sensitive: at >= dueAt(closed, periods.sensitiveMonths),
    unmatched: at >= dueAt(closed, periods.unmatchedMonths),
    cohort: !cohort.retainedAt && at >= dueAt(closed, periods.cohortMonths),
  };
}

/** What the rules need of an application. */
export interface ApplicationFacts {
  applicantId: string;
  /** What a published matching run did with the applicant, if anything. */
  matchOutcome?: 'matched' | 'waitlisted';
}

/**
 * Whether the applicant was ever matched: a published matching run matched them, or they are
 * on the cohort's roster under their object id (paired by the programme team by hand).
 */
export function wasMatched(app: ApplicationFacts, rosterIds: ReadonlySet<string>): boolean {
  return app.matchOutcome === 'matched' || rosterIds.has(app.applicantId.toLowerCase());
}

export const RETENTION_JOB_KIND = 'retention-run';

/** One run a day, the same id on every instance: the job store hands it out once. */
export function retentionJobId(day: string): string {
  return `retention:${day}`;
}

/** The UTC day (yyyy-mm-dd) a run at `now` belongs to. */
export function retentionDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;
}

/**
 * The next run after one on `now`'s day: 02:00 UTC the next day, a quiet hour. Always the next
 * day, so the next id is never today's (which has run, or is running now).
 */
export function nextRunAt(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day').plus({ days: 1, hours: 2 });
}

/**
 * The run a starting service schedules: the coming 02:00 UTC (today's if still ahead, else
 * tomorrow's). Never "now": a start must not run work out of its hour, and a day whose run is
 * done keeps its id, so scheduling it again changes nothing.
 */
export function comingRunAt(now: Date): DateTime {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day').plus({ hours: 2 });
  return now.getTime() < today.toMillis() ? today : today.plus({ days: 1 });
}
