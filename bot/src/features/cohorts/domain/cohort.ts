import {
  type Cadence,
  DEFAULT_CADENCE,
  type NewCohort,
  cadenceSchema,
  newCohortSchema,
} from '../../../contracts/cohorts';

// The cohort's shape on the wire, its limits and its schema live in the contract.
export { type Cadence, DEFAULT_CADENCE, type NewCohort, cadenceSchema, newCohortSchema };

/** A cohort is one intake of a programme: its dates and the meeting cadence pairs follow. */
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
