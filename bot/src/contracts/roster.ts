import type { TextEncodingName } from './text-encoding';

/**
 * The roster import on the wire: a roster CSV's columns and limits, the problems an import finds,
 * and what a successful import reports. Re-exported by cohorts.ts.
 */

/** The columns a roster CSV may have, in the documented order. */
export const ROSTER_COLUMNS = [
  'email',
  'display_name',
  'role',
  'organisation',
  'job_title',
  'entra_object_id',
  'partner_email',
  'arrangement',
] as const;

export const REQUIRED_ROSTER_COLUMNS = ['email', 'display_name', 'role'] as const;

/** Every limit of a roster file and its rows. */
export const ROSTER_LIMITS = {
  /** Rows in one file. */
  rows: 5000,
  email: 254,
  displayName: 120,
  organisation: 120,
  jobTitle: 120,
} as const;

/** One problem the roster import found; line 1 is the header, 0 is the whole file. */
export interface RosterProblem {
  line: number;
  column: string;
  message: string;
}

/** How the service read a roster's bytes: the encoding, and a note when it is not UTF-8. */
export interface RosterReadAs {
  encoding: TextEncodingName;
  note: string | null;
}

/** `POST /api/cohorts/{id}/roster` (201). A refusal is 400 `invalid_roster`, problems in `details`. */
export interface RosterImported {
  imported: { participants: number; pairs: number };
  readAs: RosterReadAs;
}
