/** Shapes of the tab API's responses, as the tab reads them. */

import type {
  Arrangement,
  Cadence,
  CadenceFrequency,
  CohortSummary,
  Me,
  Membership,
  PairRole,
  PairState,
  PairSummary,
  Partner,
  ProgrammeRole,
} from '../../../bot/src/contracts/cohorts';
import type { DevToken, DevUser } from '../../../bot/src/contracts/dev';

// Cohorts and people: defined once in the bot's contract (bot/src/contracts/cohorts.ts).
export type {
  Arrangement,
  Cadence,
  CadenceFrequency,
  CohortSummary,
  Me,
  Membership,
  PairRole,
  PairState,
  PairSummary,
  Partner,
  ProgrammeRole,
};
export type { DevToken, DevUser };
/** A participant's part in the programme (the contract's `ProgrammeRole`). */
export type ParticipantRole = ProgrammeRole;

export type MeetingStatus = 'unplanned' | 'planned' | 'held' | 'cancelled' | 'missed';
export type GoalStatus = 'not_started' | 'in_progress' | 'achieved' | 'set_aside';
export type ActionOwner = 'me' | 'partner';

export interface PairMeeting {
  id: string;
  number: number | null;
  status: MeetingStatus;
  /** ISO date or date-time. */
  windowStart: string | null;
  windowEnd: string | null;
  /** ISO date-time (UTC). */
  plannedAt: string | null;
  plannedMinutes: number | null;
  mode: string | null;
  heldMinutes: number | null;
}

export interface Goal {
  id: string;
  text: string;
  status: GoalStatus;
  note: string;
  updatedAt: string;
  etag: string;
}

export interface GoalInput {
  text: string;
  status: GoalStatus;
  note: string;
}

export interface PairAction {
  id: string;
  text: string;
  owner: ActionOwner;
  /** yyyy-mm-dd. */
  dueDate: string;
  done: boolean;
  overdue?: boolean;
  meetingId?: string | null;
  etag: string;
}

export interface NewAction {
  text: string;
  owner: ActionOwner;
  dueDate: string;
}

export interface ActionChange {
  done?: boolean;
  text?: string;
  dueDate?: string;
}

/** What PATCH answers; text and due date may be left out when they did not change. */
export interface ActionChanged {
  id: string;
  done: boolean;
  etag: string;
  text?: string;
  dueDate?: string;
}

export interface Reflection {
  id: string;
  meetingId: string | null;
  learned: string;
  doDifferently: string;
  sharedWithPartner: boolean;
  createdAt: string;
}

export interface PairSpace {
  pair: { id: string; state: PairState; arrangement: Arrangement; myRole: ParticipantRole };
  cohort: CohortSummary;
  me: { participantId: string; displayName: string };
  partner: Partner;
  contract: null | {
    version: number;
    terms: unknown;
    agreedByMe: boolean;
    agreedByPartner: boolean;
  };
  progress: {
    held: number;
    planned: number;
    qualifying: number;
    minimumMet: boolean;
    summary: string;
  };
  meetings: PairMeeting[];
  goals: Goal[];
  actions: PairAction[];
  preparation: null | {
    meetingId: string;
    mine: null | { topics: string; shared: boolean };
    partner: null | { topics: string };
  };
  reflections: { mine: Reflection[]; sharedWithMe: Reflection[] };
}
