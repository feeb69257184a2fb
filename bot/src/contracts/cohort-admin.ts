import * as z from 'zod';
import {
  ARRANGEMENTS,
  COHORT_LIMITS,
  type Arrangement,
  type CohortSummary,
  DEFAULT_CADENCE,
  cadenceSchema,
} from './cohorts';
import { calendarDate } from './dates';
import {
  DEFAULT_COHORT_TIME_ZONE,
  DEFAULT_WORKING_HOURS,
  timeZoneField,
  workingHoursSchema,
} from './cohort-settings';
import { cleanText } from './text';

/**
 * Running a cohort from the tab: creating and editing it (name, dates, time zone, working
 * hours, cadence, the arrangements it offers), closing and archiving it. The bot's routes and
 * the tab's cohort form both check with these schemas.
 */

const L = COHORT_LIMITS;

export const ALL_ARRANGEMENTS: Arrangement[] = [...ARRANGEMENTS];

const arrangementsSchema = z
  .array(z.enum(ARRANGEMENTS, { message: 'must be reverse or reciprocal' }), {
    message: 'choose reverse, reciprocal or both',
  })
  .min(1, 'choose reverse, reciprocal or both')
  .max(ARRANGEMENTS.length, 'choose reverse, reciprocal or both')
  .transform((list) => ARRANGEMENTS.filter((a) => list.includes(a)));

const nameSchema = cleanText(
  z
    .string({ message: 'is required' })
    .trim()
    .min(L.nameMin, `must be at least ${L.nameMin} characters`)
    .max(L.nameMax, `must be at most ${L.nameMax} characters`),
);

const endAfterStart = {
  check: (c: { startDate: string; endDate: string }) => c.endDate > c.startDate,
  message: { message: 'must be after startDate', path: ['endDate'] },
};

/** `POST /api/cohorts` (programme admins): what is not given takes the programme's defaults. */
export const newCohortSchema = z
  .object({
    name: nameSchema,
    startDate: calendarDate(),
    endDate: calendarDate(),
    timeZone: timeZoneField().default(DEFAULT_COHORT_TIME_ZONE),
    workingHours: workingHoursSchema.default(DEFAULT_WORKING_HOURS),
    cadence: cadenceSchema.default(DEFAULT_CADENCE),
    arrangements: arrangementsSchema.default(ALL_ARRANGEMENTS),
  })
  .strict()
  .refine(endAfterStart.check, endAfterStart.message);

export type NewCohort = z.infer<typeof newCohortSchema>;

/** `PUT /api/cohorts/{id}` with If-Match: the whole cohort as the form shows it. */
export const cohortChangeSchema = z
  .object({
    name: nameSchema,
    startDate: calendarDate(),
    endDate: calendarDate(),
    timeZone: timeZoneField(),
    workingHours: workingHoursSchema,
    cadence: cadenceSchema,
    arrangements: arrangementsSchema,
  })
  .strict()
  .refine(endAfterStart.check, endAfterStart.message);

export type CohortChange = z.infer<typeof cohortChangeSchema>;

/** A cohort as the API answers its programme team: the summary and its ETag for a change. */
export interface CohortDetail extends CohortSummary {
  /** Send as If-Match to edit, close or archive. */
  etag: string;
}

/** `POST /api/cohorts/{id}/close` with If-Match: why, shown in the audit trail. */
export const closeCohortSchema = z
  .object({
    reason: cleanText(z.string().trim().max(500, 'must be at most 500 characters')).optional(),
  })
  .strict();

/** What closing did to the cohort's pairs (docs/api.md, "Closing a cohort"). */
export interface CohortClosed {
  cohort: CohortDetail;
  /** Active pairs reached the programme's end: completed. */
  completed: number;
  /** Pairs that never started, or were paused: ended, with the cohort's close as the reason. */
  ended: number;
}

/** `GET /api/cohorts?archived=include` lists archived cohorts too. */
export const ARCHIVED_QUERY = 'include';
