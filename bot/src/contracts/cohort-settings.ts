import * as z from 'zod';
import { isValidTimeZone } from './time-zone';

/**
 * A cohort's settings beyond its dates and cadence: the time zone it runs in, the working hours
 * its messages keep to, and where it is in its life (open, closed, archived). A leaf of the
 * contracts (zod and the time-zone rule only), so cohorts.ts and cohort-admin.ts both use it.
 */

// ---------------------------------------------------------------- status

/**
 * `open` runs as usual; `closed` sends no more journey messages and its pairs have finished
 * (completed or ended); `archived` is closed, read-only and hidden from lists by default.
 */
export const COHORT_STATUSES = ['open', 'closed', 'archived'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

export const COHORT_STATUS_WORDS: Record<CohortStatus, string> = {
  open: 'Open',
  closed: 'Closed',
  archived: 'Archived',
};

// ---------------------------------------------------------------- working hours

/** Luxon's weekday numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WEEKDAY_WORDS: Record<number, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

/** When the cohort's messages may reach people, in each person's own time zone. */
export interface WorkingHours {
  /** First hour messages may go, 0–23. */
  startHour: number;
  /** Hour from which messages wait for the next working day, 1–24 (after startHour). */
  endHour: number;
  /** Working days, 1 = Monday … 7 = Sunday, at least one. */
  days: number[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  startHour: 9,
  endHour: 17,
  days: [1, 2, 3, 4, 5],
};

const hour = (min: number, max: number) =>
  z
    .number({ message: 'must be a number' })
    .int('must be a whole hour')
    .min(min, `must be ${min} or later`)
    .max(max, `must be ${max} or earlier`);

export const workingHoursSchema = z
  .object({
    startHour: hour(0, 23),
    endHour: hour(1, 24),
    days: z
      .array(
        z
          .number({ message: 'must be a weekday number' })
          .int('must be a weekday number')
          .min(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)')
          .max(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)'),
        { message: 'choose the working days' },
      )
      .min(1, 'choose at least one working day')
      .max(7, 'choose at most seven days')
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  })
  .strict()
  .refine((w) => w.endHour > w.startHour, {
    message: 'must be after the start hour',
    path: ['endHour'],
  });

// ---------------------------------------------------------------- time zone

export const DEFAULT_COHORT_TIME_ZONE = 'Europe/London';

/** An IANA time zone name, e.g. Europe/London. */
export const timeZoneField = () =>
  z
    .string({ message: 'is required (an IANA time zone such as Europe/London)' })
    .trim()
    .max(64, 'must be at most 64 characters')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/London');
