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

/**
 * The pair space's shapes are the journey contract's (one definition for the bot and the tab);
 * the API client names them here.
 */
export type {
  ActionChange,
  ActionChanged,
  GoalInput,
  NewAction,
  PairAction,
  PairGoal as Goal,
  PairSpace,
} from '../../../bot/src/contracts/journey';
