/**
 * What a pair builds together over the programme: their contract, meetings, preparation,
 * reflections and agreed actions. Stored in one partition per pair (see docs/storage.md).
 */

import { todayIn } from '../../../contracts/dates';
import { resolveTimeZone } from '../../../contracts/time-zone';
import type {
  ContractMode,
  GoalStatus,
  MeetingMode,
  MeetingStatus,
  ReviewChoice,
} from '../../../contracts/journey';

export type { GoalStatus, MeetingMode, MeetingStatus };

export interface ContractTerms {
  confidentiality: string;
  /** How often and for how long, e.g. "Once a month, at least an hour". */
  frequency: string;
  /** How the pair prefers to meet. */
  mode: ContractMode;
  boundaries: string;
  /** How either partner may pause or end, without blame. */
  pauseOrEnd: string;
  /** How to raise a concern. */
  raisingConcerns: string;
}

export interface Contract {
  pairId: string;
  terms: ContractTerms;
  /** Bumped on every edit; agreements are to one version. */
  version: number;
  /** ISO time each partner agreed to the current version; an edit clears both. */
  mentorAgreedAt?: string;
  menteeAgreedAt?: string;
  editedBy?: string;
  updatedAt: string;
}

export interface Meeting {
  id: string;
  pairId: string;
  /** 1-based position in the plan; undefined for a meeting logged outside the plan. */
  number?: number;
  /** The plan window this meeting belongs to (UTC ISO instants). */
  windowStart: string;
  windowEnd: string;
  status: MeetingStatus;
  /** When it is planned for (UTC ISO) and how. */
  plannedAt?: string;
  plannedMinutes?: number;
  mode?: MeetingMode;
  /** What happened, once someone said. */
  heldMinutes?: number;
  /** Participant id of whoever reported the outcome, or cancelled / rescheduled. */
  outcomeBy?: string;
  updatedAt: string;
}

export interface AgreedAction {
  id: string;
  pairId: string;
  meetingId?: string;
  text: string;
  /** Participant id of the owner. */
  ownerId: string;
  /** yyyy-mm-dd, in the owner's time zone. */
  dueDate: string;
  doneAt?: string;
  createdBy: string;
  createdAt: string;
}

export interface Preparation {
  pairId: string;
  meetingId: string;
  authorId: string;
  topics: string;
  /** Shared with the partner (preparation is shared by default; the author may keep it). */
  shared: boolean;
  updatedAt: string;
}

export interface Reflection {
  id: string;
  pairId: string;
  meetingId: string;
  /** Participant id of the author: the only person who may read it unless shared. */
  authorId: string;
  learned: string;
  doDifferently: string;
  sharedWithPartner: boolean;
  createdAt: string;
}

export type ContinueChoice = ReviewChoice;

export interface FinalReview {
  pairId: string;
  authorId: string;
  wentWell: string;
  couldImprove: string;
  choice: ContinueChoice;
  createdAt: string;
}

/** Private signals a participant gives; the coordinator sees that they exist, never text. */
export interface FitCheck {
  pairId: string;
  authorId: string;
  /** 1 (not well) to 5 (very well). */
  rating: number;
  wantsCoordinator: boolean;
  createdAt: string;
}

/** Something the pair wants to achieve, revisited over the programme. Shared by both. */
export interface Goal {
  id: string;
  pairId: string;
  text: string;
  status: GoalStatus;
  /** A short note on progress. */
  note: string;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * An open action due before today is overdue, from the moment it is added. One rule for every
 * screen and card: "today" is the pair's (its time zone), so partners and their author agree.
 */
export function isOverdue(
  action: Pick<AgreedAction, 'dueDate' | 'doneAt'>,
  now: Date,
  pairZone: string,
): boolean {
  return !action.doneAt && action.dueDate < todayIn(resolveTimeZone(pairZone), now);
}
