/** Shapes of the tab API's responses, as the tab reads them. */

export type CadenceFrequency = 'monthly' | 'fortnightly';

export interface Cadence {
  frequency: CadenceFrequency;
  plannedMeetings: number;
  minimumMeetings: number;
  minimumMinutes: number;
}

export interface CohortSummary {
  id: string;
  name: string;
  /** ISO date, yyyy-mm-dd. */
  startDate: string;
  /** ISO date, yyyy-mm-dd. */
  endDate: string;
  isDemo: boolean;
  cadence: Cadence;
}

export type ParticipantRole = 'mentor' | 'mentee';
export type Arrangement = 'reverse' | 'reciprocal';
export type PairState =
  'proposed' | 'introduced' | 'active' | 'paused' | 'completed' | 'ended_early';

export interface Partner {
  displayName: string;
  role: ParticipantRole;
  organisation: string | null;
  jobTitle: string | null;
}

export interface PairSummary {
  id: string;
  arrangement: Arrangement;
  state: PairState;
  myRole: ParticipantRole;
  /** Null when the partner's record is missing (for example, removed from the cohort). */
  partner: Partner | null;
}

export interface Membership {
  cohort: CohortSummary;
  participantId: string;
  role: ParticipantRole;
  pair: PairSummary | null;
}

export interface Me {
  user: { id: string; name: string; email: string | null; tenantId: string };
  roles: string[];
  memberships: Membership[];
  /** Non-empty only for coordinators. */
  coordinatedCohorts: CohortSummary[];
}

export interface DevUser {
  userId: string;
  name: string;
  email: string;
  description: string;
}

export interface DevToken {
  token: string;
  /** ISO date-time. */
  expiresAt: string;
}

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
