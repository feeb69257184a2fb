import { type Cadence, DEFAULT_CADENCE, cadenceSchema } from '../../../contracts/cohorts';
import { type NewCohort, newCohortSchema } from '../../../contracts/cohort-admin';
import {
  type CohortStatus,
  DEFAULT_COHORT_TIME_ZONE,
  DEFAULT_WORKING_HOURS,
  type WorkingHours,
} from '../../../contracts/cohort-settings';
import type { Arrangement } from '../../../contracts/cohorts';

// The cohort's shape on the wire, its limits and its schema live in the contract.
export { type Cadence, DEFAULT_CADENCE, type NewCohort, cadenceSchema, newCohortSchema };
export type { CohortStatus, WorkingHours };

/** A cohort is one intake of a programme: its dates and the meeting cadence pairs follow. */
export interface Cohort {
  id: string;
  name: string;
  /** ISO date (yyyy-mm-dd) the cohort starts. */
  startDate: string;
  /** ISO date (yyyy-mm-dd) the cohort ends. */
  endDate: string;
  cadence: Cadence;
  /*
   * The settings below came after the first cohorts were stored: the repository reads a row
   * without them with COHORT_DEFAULTS, and `settingsOf` fills any a caller left out.
   */
  /** The IANA zone the cohort runs in (default Europe/London). */
  timeZone?: string;
  /** When its messages may reach people (each in their own zone). Default 09:00–17:00 Mon–Fri. */
  workingHours?: WorkingHours;
  /** What it offers (default both). */
  arrangements?: Arrangement[];
  /** Open unless closed or archived (docs/api.md, "Closing a cohort"). */
  status?: CohortStatus;
  closedAt?: string;
  archivedAt?: string;
  /** When its personal rows were deleted after its retention period (its summary kept). */
  retainedAt?: string;
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

/** The settings a cohort takes when a stored row (or a caller) does not give them. */
export const COHORT_DEFAULTS = {
  timeZone: DEFAULT_COHORT_TIME_ZONE,
  workingHours: DEFAULT_WORKING_HOURS,
  arrangements: ['reverse', 'reciprocal'] as Arrangement[],
  status: 'open' as CohortStatus,
};

/** A new cohort's input: the settings beyond dates and cadence may be left to the defaults. */
export type CohortInput = Omit<NewCohort, 'timeZone' | 'workingHours' | 'arrangements'> &
  Partial<Pick<NewCohort, 'timeZone' | 'workingHours' | 'arrangements'>>;

/** A cohort's settings, each given or the default. */
export function settingsOf(
  c: Cohort,
): Required<Pick<Cohort, 'timeZone' | 'workingHours' | 'arrangements' | 'status'>> {
  return {
    timeZone: c.timeZone ?? COHORT_DEFAULTS.timeZone,
    workingHours: c.workingHours ?? COHORT_DEFAULTS.workingHours,
    arrangements: c.arrangements ?? COHORT_DEFAULTS.arrangements,
    status: c.status ?? COHORT_DEFAULTS.status,
  };
}

export function createCohort(
  input: CohortInput,
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
    timeZone: input.timeZone ?? COHORT_DEFAULTS.timeZone,
    workingHours: { ...(input.workingHours ?? COHORT_DEFAULTS.workingHours) },
    arrangements: [...(input.arrangements ?? COHORT_DEFAULTS.arrangements)],
    status: 'open',
    isDemo,
    createdBy,
    createdAt: now.toISOString(),
  };
}
