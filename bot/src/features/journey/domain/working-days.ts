import { DateTime } from 'luxon';
import { DEFAULT_POLICY, resolveTimeZone } from './send-window';

/**
 * Working days (Monday to Friday) in a time zone, for deadlines such as "the contract within
 * five working days of the introduction". Pure: every instant is a parameter.
 */

/** How long a pair has to agree its contract after the introduction before one gentle chaser. */
export const CONTRACT_AGREE_WORKING_DAYS = 5;

/**
 * The instant `days` working days after `from`, at the same local time: a Monday 10:00 plus five
 * is the next Monday 10:00; a Saturday counts from the Monday after it.
 */
export function addWorkingDays(
  from: Date,
  days: number,
  timeZone: string | undefined,
  workingDays: readonly number[] = DEFAULT_POLICY.workingDays,
): Date {
  let t = DateTime.fromJSDate(from, { zone: resolveTimeZone(timeZone) });
  let counted = 0;
  while (counted < days) {
    t = t.plus({ days: 1 });
    if (workingDays.includes(t.weekday)) counted += 1;
  }
  return t.toJSDate();
}

/** The time zone a cohort's deadlines run in: the cohort's own when it has one, else `fallback`. */
export function cohortTimeZone(
  cohort: { id: string; timeZone?: string },
  fallback: string | undefined,
): string {
  return resolveTimeZone(cohort.timeZone ?? fallback);
}

/** When an introduced pair's contract is overdue: five working days after the introduction. */
export function contractDueBy(introducedAt: string | Date, timeZone: string | undefined): Date {
  return addWorkingDays(new Date(introducedAt), CONTRACT_AGREE_WORKING_DAYS, timeZone);
}
