import type { EventType } from './calendar';
import type { ChangedByPart } from './cohorts';
import type { RespondentRole } from './evaluation';
import type { Figure, PublishedTable } from './evaluation-results';
import type { PairAction, PairMeeting, ReviewChoice } from './journey';

/**
 * Participation measures on the wire (issue 16, "participation measures the programmes report"):
 * meetings held against planned, attendance at programme sessions, pairs ending early with their
 * reasons grouped, the continue-or-finish choice, and actions agreed and completed. Counts only,
 * each through the small-number suppression of `evaluation-results.ts` (docs/evaluation.md):
 * never a reason's words, an action's text or who anyone is. Built by
 * `features/evaluation/domain/participation.ts`.
 */

// ---------------------------------------------------------------- enums

/** The calendar's event types that are programme sessions whose attendance is reported. */
export const SESSION_EVENT_TYPES = [
  'peer_support',
  'action_learning_set',
] as const satisfies readonly EventType[];
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

/** How many meetings a pair held against the cohort's plan (`Cadence`). */
export const MEETING_BANDS = ['met_plan', 'met_minimum', 'below_minimum', 'none'] as const;
export type MeetingBand = (typeof MEETING_BANDS)[number];

export const MEETING_BAND_WORDS: Record<MeetingBand, string> = {
  met_plan: 'Held every planned meeting',
  met_minimum: 'Held the minimum, not every planned meeting',
  below_minimum: 'Held some meetings, fewer than the minimum',
  none: 'Held no meetings',
};

/**
 * The broad groups an early ending's reason falls into. The reason itself (free text, for the
 * programme team only) never leaves; only its group is counted.
 */
export const EARLY_END_GROUPS = [
  'health_or_personal',
  'job_or_organisation_change',
  'time_or_workload',
  'the_pairing',
  'other',
  'not_given',
] as const;
export type EarlyEndGroup = (typeof EARLY_END_GROUPS)[number];

export const EARLY_END_GROUP_WORDS: Record<EarlyEndGroup, string> = {
  health_or_personal: 'Health or personal circumstances',
  job_or_organisation_change: 'A change of job or in the organisation',
  time_or_workload: 'Time or workload',
  the_pairing: 'The pairing itself',
  other: 'Another reason',
  not_given: 'No reason given',
};

/** The continue-or-finish table's columns: each choice, and partners who did not choose. */
export const CHOICE_COLUMNS = ['continue_informally', 'finish', 'not_answered'] as const;
export type ChoiceColumn = (typeof CHOICE_COLUMNS)[number];

// ---------------------------------------------------------------- what the domain reads

/** One pair's facts: no names, no text. `pairId` is an opaque key, never shown. */
export interface PairParticipation {
  pairId: string;
  meetings: readonly Pick<PairMeeting, 'status'>[];
  actions: readonly Pick<PairAction, 'done'>[];
  /** Null unless the pair ended early: who ended it and their private reason (or null). */
  ending: null | { byPart: ChangedByPart; reason: string | null };
}

/** One partner of a pair that reached the final review, and their choice (null: not made). */
export interface PartnerChoice {
  role: RespondentRole;
  choice: ReviewChoice | null;
}

/** One programme session: how many were invited, and how many attended. */
export interface SessionRecord {
  eventId: string;
  type: EventType;
  invited: number;
  attended: number;
}

// ---------------------------------------------------------------- what leaves

export interface MeetingsHeld {
  /** The cohort's plan (a setting, not a figure about people). */
  plannedPerPair: number;
  minimumPerPair: number;
  /** One row (`pairs`), a column per `MEETING_BANDS` band: how many pairs held how many. */
  pairsByBand: PublishedTable;
  /** Meetings held against planned over all pairs. */
  total: Figure<{ pairs: number; planned: number; held: number }>;
}

export interface SessionAttendance {
  /** The sessions counted, in the table's row order. */
  sessions: { eventId: string; type: SessionEventType }[];
  /** A row per session, columns `attended` and `did_not_attend`; row totals are the invited. */
  table: PublishedTable;
}

export interface ParticipationResults {
  minGroupSize: number;
  meetings: MeetingsHeld;
  /** Null when the cohort has had no programme sessions. */
  attendance: SessionAttendance | null;
  /** Pairs ending early: rows who ended it (`CHANGED_BY_PARTS`), columns `EARLY_END_GROUPS`. */
  earlyEndings: PublishedTable;
  /** Partners' choices at the end: rows mentor and mentee, columns `CHOICE_COLUMNS`. */
  continueOrFinish: PublishedTable;
  /** Actions agreed and completed over all pairs (counts only, never text). */
  actions: Figure<{ pairs: number; agreed: number; completed: number }>;
}
