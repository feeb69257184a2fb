import type { ProgrammeRole } from '../../../contracts/cohorts';

export type { ProgrammeRole };

/** A person taking part in one cohort. */
export interface Participant {
  id: string;
  cohortId: string;
  displayName: string;
  /** Lower-case work email; links Teams and tab sign-ins to this record. */
  email: string;
  /** Entra object id once known (from the import or the first sign-in). */
  userId?: string;
  role: ProgrammeRole;
  /** Organisation, e.g. an NHS trust; helps coordinators, shown to the partner. */
  organisation?: string;
  /** Job title; shown to the partner. */
  jobTitle?: string;
  /** Band or grade, e.g. "Band 6" or "8a"; helps coordinators match. */
  band?: string;
  createdAt: string;
}
