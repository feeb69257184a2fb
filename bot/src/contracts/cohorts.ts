import * as z from 'zod';
import type { PairHealth, PairState } from './pair-words';
import type { StaffAccess, StaffRole } from './roles';
import type { PartnerNotReachable } from './reach';
import type { CohortStatus, WorkingHours } from './cohort-settings';

/**
 * Cohorts and people on the wire: the cohort and its cadence, who a signed-in person is
 * (`GET /api/me`), the coordinator's roster, pairs and their health. Sign-in links
 * (sign-in-links.ts) and the roster import (roster.ts) are re-exported at the end. The bot's routes
 * and the tab both import these; nothing here is copied elsewhere.
 */

// ---------------------------------------------------------------- enums

export const CADENCE_FREQUENCIES = ['monthly', 'fortnightly'] as const;
export type CadenceFrequency = (typeof CADENCE_FREQUENCIES)[number];

/** How a participant takes part. `either` is stored for people who may take either part. */
export const PROGRAMME_ROLES = ['mentor', 'mentee', 'either'] as const;
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

/** The roles a roster row may give, and a partner's part in a pair. */
export const PAIR_ROLES = ['mentor', 'mentee'] as const;
export type PairRole = (typeof PAIR_ROLES)[number];

export const ARRANGEMENTS = ['reverse', 'reciprocal'] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];

export { PAIR_STATES, type PairState, PAIR_STATE_WORDS } from './pair-words';

// ---------------------------------------------------------------- cohort and cadence

/** Every limit of a new cohort, read by the schema below and by the tests. */
export const COHORT_LIMITS = {
  nameMin: 3,
  nameMax: 120,
  /** The programme's floor: at least three meetings… */
  minimumMeetingsFloor: 3,
  plannedMeetingsMax: 24,
  /** …of at least an hour. */
  minimumMinutesFloor: 60,
  minimumMinutesMax: 480,
} as const;

export interface Cadence {
  /** How often pairs meet. */
  frequency: CadenceFrequency;
  /** How many meetings are planned over the programme. */
  plannedMeetings: number;
  /** The fewest meetings a pair must hold to complete the programme. */
  minimumMeetings: number;
  /** The shortest a meeting may be to count, in minutes. */
  minimumMinutes: number;
}

export const DEFAULT_CADENCE: Cadence = {
  frequency: 'monthly',
  plannedMeetings: 6,
  minimumMeetings: 3,
  minimumMinutes: 60,
};

const L = COHORT_LIMITS;

export const cadenceSchema = z
  .object({
    frequency: z
      .enum(CADENCE_FREQUENCIES, { message: 'must be monthly or fortnightly' })
      .default('monthly'),
    plannedMeetings: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(L.minimumMeetingsFloor, `must be at least ${L.minimumMeetingsFloor}`)
      .max(L.plannedMeetingsMax, `must be at most ${L.plannedMeetingsMax}`)
      .default(DEFAULT_CADENCE.plannedMeetings),
    minimumMeetings: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(L.minimumMeetingsFloor, `must be at least ${L.minimumMeetingsFloor}`)
      .max(L.plannedMeetingsMax, `must be at most ${L.plannedMeetingsMax}`)
      .default(DEFAULT_CADENCE.minimumMeetings),
    minimumMinutes: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(L.minimumMinutesFloor, `must be at least ${L.minimumMinutesFloor} minutes`)
      .max(L.minimumMinutesMax, `must be at most ${L.minimumMinutesMax} minutes`)
      .default(DEFAULT_CADENCE.minimumMinutes),
  })
  .strict()
  .refine((c) => c.minimumMeetings <= c.plannedMeetings, {
    message: 'cannot be more than plannedMeetings',
    path: ['minimumMeetings'],
  });

// The new cohort's and a change's schemas are in cohort-admin.ts (with the settings below).

/** What the API shows of a cohort to anyone in it. */
export interface CohortSummary {
  id: string;
  name: string;
  /** ISO date, yyyy-mm-dd. */
  startDate: string;
  /** ISO date, yyyy-mm-dd. */
  endDate: string;
  /** The demo cohort seeded for local runs, so nobody mistakes it for real data. */
  isDemo: boolean;
  cadence: Cadence;
  /** The IANA zone the cohort runs in (its dates and plan); Europe/London unless set. */
  timeZone: string;
  workingHours: WorkingHours;
  /** The arrangements the cohort offers: reverse, reciprocal or both. */
  arrangements: Arrangement[];
  status: CohortStatus;
}

// ---------------------------------------------------------------- the signed-in person

/** What a participant sees of their partner: name and work details, never sensitive data. */
export interface Partner {
  displayName: string;
  role: ProgrammeRole;
  organisation: string | null;
  jobTitle: string | null;
}

export interface PairSummary {
  id: string;
  arrangement: Arrangement;
  state: PairState;
  myRole: PairRole;
  /** Null when the partner's record is missing (for example, removed from the cohort). */
  partner: Partner | null;
}

export interface Membership {
  cohort: CohortSummary;
  participantId: string;
  role: ProgrammeRole;
  pair: PairSummary | null;
}

/** `GET /api/me`: who the caller is, their roles, cohorts and pair. */
export interface Me {
  user: { id: string; name: string; email: string | null; tenantId: string };
  /** The distinct staff roles held (badges); `access` says for which cohorts. */
  roles: StaffRole[];
  access: StaffAccess;
  memberships: Membership[];
  /** The cohorts the person runs: every cohort for a programme admin, their own for a coordinator. */
  coordinatedCohorts: CohortSummary[];
  /** The cohorts the person sponsors (aggregates only). */
  sponsoredCohorts: CohortSummary[];
}

// ---------------------------------------------------------------- the coordinator's views

/** One person on the roster, from `GET /api/cohorts/{id}/participants`: nothing private. */
export interface CohortParticipant {
  id: string;
  displayName: string;
  email: string;
  role: ProgrammeRole;
  organisation: string | null;
  jobTitle: string | null;
  /** Band or grade (e.g. "Band 6"), when given. */
  band: string | null;
  /** The person's Teams (Entra) account is known. */
  linked: boolean;
  /** Their pair, unless it ended early (then they may be paired again). */
  pairId: string | null;
  /** Send as If-Match to edit, remove or move them. */
  etag: string;
}

/** One pair from `GET /api/cohorts/{id}/pairs`: who and its state. */
export interface PairStateView {
  id: string;
  mentorId: string;
  menteeId: string;
  arrangement: Arrangement;
  state: PairState;
  updatedAt: string;
  /** Send as If-Match to pause, resume or end the pair. */
  etag: string;
}

// ---------------------------------------------------------------- the pairs' health

export { PAIR_HEALTHS, type PairHealth, HEALTH_WORDS, pairHealthWords } from './pair-words';

/** Who changed a pair's state: one of its partners (by their part in the pair) or the programme team. */
export const CHANGED_BY_PARTS = ['mentor', 'mentee', 'coordinator'] as const;
export type ChangedByPart = (typeof CHANGED_BY_PARTS)[number];

/**
 * Who paused or ended a pair, when and why: for the programme team only (a partner is told only
 * that the pairing is paused or has ended). Never anything the pair wrote together.
 */
export interface PairStateChange {
  state: Extract<PairState, 'paused' | 'ended_early'>;
  /** The partner's name; null when the programme team did it (or the person is gone). */
  byName: string | null;
  byPart: ChangedByPart;
  /** ISO date-time (UTC). */
  at: string;
  /** Null when none was given ("No reason given"). */
  reason: string | null;
  /** A pause's end, ISO date-time (UTC); null for an ending or a pause until resumed. */
  until: string | null;
}

/** Words for a change with no reason. */
export const NO_REASON_GIVEN = 'No reason given';

/** A partner who asked (in the fit check) for a word with the programme team, and when. */
export interface CoordinatorRequest {
  name: string;
  part: PairRole;
  /** ISO date-time (UTC) of their answer. */
  at: string;
}

/** One row of `GET /api/cohorts/{id}/health` (also served as CSV): states, counts and dates. */
export interface PairHealthRow {
  pairId: string;
  mentor: string;
  mentee: string;
  arrangement: Arrangement;
  state: PairState;
  health: PairHealth;
  healthText: string;
  held: number;
  planned: number;
  /** Plan windows that closed with no meeting held, whatever the pair's state is now. */
  missedMonths: number;
  minimumMet: boolean;
  /** ISO date-time (UTC) of the last meeting held, or null. */
  lastContact: string | null;
  /** How many partners asked for a word with the programme team (never what they said). */
  askedForCoordinator: number;
  /** Which partners asked, and when (earliest first). */
  askedBy: CoordinatorRequest[];
  /** For a paused or ended pair: who, when, why and (a pause) until when; otherwise null. */
  change: PairStateChange | null;
  /** Partners the bot cannot message yet (no chat with the app in Teams); empty or absent: none. */
  notReachable?: PartnerNotReachable[];
}

// ---------------------------------------------------------------- sign-in links and roster import

export {
  LINK_METHODS,
  type LinkMethod,
  type EmailLinkMethod,
  LINK_METHOD_WORDS,
  LINK_ACTIONS,
  type LinkAction,
  type ParticipantLink,
  type LinkEvent,
  type CohortLinks,
  type LinkUndone,
} from './sign-in-links';

export {
  ROSTER_COLUMNS,
  REQUIRED_ROSTER_COLUMNS,
  ROSTER_LIMITS,
  type RosterProblem,
  type RosterReadAs,
  type RosterImported,
} from './roster';
