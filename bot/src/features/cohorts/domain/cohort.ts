import { z } from 'zod';

/** A cohort is one intake of a programme: its dates and the meeting cadence pairs follow. */
export interface Cadence {
  /** How often pairs meet. */
  frequency: 'monthly' | 'fortnightly';
  /** How many meetings are planned over the programme. */
  plannedMeetings: number;
  /** The fewest meetings a pair must hold to complete the programme. */
  minimumMeetings: number;
  /** The shortest a meeting may be to count, in minutes. */
  minimumMinutes: number;
}

export interface Cohort {
  id: string;
  name: string;
  /** ISO date (yyyy-mm-dd) the cohort starts. */
  startDate: string;
  /** ISO date (yyyy-mm-dd) the cohort ends. */
  endDate: string;
  cadence: Cadence;
  /** Marks the demo cohort seeded for local runs, so nobody mistakes it for real data. */
  isDemo: boolean;
  createdBy: string;
  createdAt: string;
  /** The programme's shared channel, linked when the channel tab is set up. */
  channel?: ProgrammeChannel;
}

export interface ProgrammeChannel {
  teamId?: string;
  channelId: string;
  channelName?: string;
  tenantId: string;
  /** The Bot Connector endpoint for the tenant (from the coordinator's own chat). */
  serviceUrl: string;
}

export const DEFAULT_CADENCE: Cadence = {
  frequency: 'monthly',
  plannedMeetings: 6,
  minimumMeetings: 3,
  minimumMinutes: 60,
};

/** The programme's floor: at least three meetings of at least an hour. */
export const MINIMUM_MEETINGS_FLOOR = 3;
export const MINIMUM_MINUTES_FLOOR = 60;

const isoDate = z
  .string({ message: 'is required (yyyy-mm-dd)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
      new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'is not a real date',
  );

export const cadenceSchema = z
  .object({
    frequency: z
      .enum(['monthly', 'fortnightly'], { message: 'must be monthly or fortnightly' })
      .default('monthly'),
    plannedMeetings: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(MINIMUM_MEETINGS_FLOOR, `must be at least ${MINIMUM_MEETINGS_FLOOR}`)
      .max(24, 'must be at most 24')
      .default(DEFAULT_CADENCE.plannedMeetings),
    minimumMeetings: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(MINIMUM_MEETINGS_FLOOR, `must be at least ${MINIMUM_MEETINGS_FLOOR}`)
      .default(DEFAULT_CADENCE.minimumMeetings),
    minimumMinutes: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(MINIMUM_MINUTES_FLOOR, `must be at least ${MINIMUM_MINUTES_FLOOR} minutes`)
      .max(480, 'must be at most 480 minutes')
      .default(DEFAULT_CADENCE.minimumMinutes),
  })
  .strict()
  .refine((c) => c.minimumMeetings <= c.plannedMeetings, {
    message: 'cannot be more than plannedMeetings',
    path: ['minimumMeetings'],
  });

export const newCohortSchema = z
  .object({
    name: z
      .string({ message: 'is required' })
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(120, 'must be at most 120 characters'),
    startDate: isoDate,
    endDate: isoDate,
    cadence: cadenceSchema.default(DEFAULT_CADENCE),
  })
  .strict()
  .refine((c) => c.endDate > c.startDate, {
    message: 'must be after startDate',
    path: ['endDate'],
  });

export type NewCohort = z.infer<typeof newCohortSchema>;

export function createCohort(
  input: NewCohort,
  id: string,
  createdBy: string,
  now: Date,
  isDemo = false,
): Cohort {
  return {
    id,
    name: input.name,
    startDate: input.startDate,
    endDate: input.endDate,
    cadence: { ...input.cadence },
    isDemo,
    createdBy,
    createdAt: now.toISOString(),
  };
}
