import type { StaffAccess } from '../../contracts/roles';
import type { Versioned } from '../../platform/storage/versioned';
import type { CardJson } from '../../platform/teams/cards/render';
import type { ConversationRepository } from '../../platform/teams/conversation-repository';
import type { BroadcastEvent } from './domain/announcement-drafts';
import type { EmailHint } from '../../platform/vouched-email';

/**
 * What announcements need from the rest of the programme (cohorts and people, pairs' health,
 * the calendar), declared here as the small shapes this feature reads, so it reaches no other
 * feature's insides. app/ wires each port to the feature that owns it.
 */

export interface ProgrammeChannel {
  channelId: string;
  teamId?: string;
  channelName?: string;
  tenantId: string;
  serviceUrl: string;
}

export interface CohortRef {
  id: string;
  name: string;
  channel?: ProgrammeChannel;
}

export interface PersonRef {
  id: string;
  /** Entra object id, once the person is linked to Teams. */
  userId?: string;
  displayName: string;
  role: 'mentor' | 'mentee' | 'either';
}

export interface PairRef {
  id: string;
  mentorId: string;
  menteeId: string;
  arrangement: string;
  state: string;
}

export type RsvpAnswer = 'yes' | 'no' | 'maybe';

export interface RsvpRef {
  eventId: string;
  participantId: string;
  response: RsvpAnswer;
}

/** What the calendar's event card shows one person. */
export interface EventCardRequest {
  event: BroadcastEvent;
  cohortName: string;
  timeZone: string;
  myResponse?: RsvpAnswer;
  placesLeft?: number;
  reminder?: 'day' | 'hour';
  problem?: string;
}

export interface CohortsPort {
  get(cohortId: string): Promise<Versioned<CohortRef> | undefined>;
  list(): Promise<CohortRef[]>;
  /** Replaces the cohort if unchanged since `etag` (only `channel` is ever changed here). */
  update(cohort: CohortRef, etag: string): Promise<unknown>;
}

export interface IdentityPort {
  accessOf(userId: string): Promise<StaffAccess>;
  membershipsOf(
    userId: string,
    emailIfKnown?: EmailHint,
  ): Promise<{ cohortId: string; participantId: string }[]>;
}

export interface EventsPort {
  get(cohortId: string, eventId: string): Promise<Versioned<BroadcastEvent> | undefined>;
  calendar(cohortId: string): Promise<{ events: Versioned<BroadcastEvent>[]; rsvps: RsvpRef[] }>;
  /** Whether someone with this programme role is invited. */
  isInvited(event: BroadcastEvent, role: 'mentor' | 'mentee' | 'either'): boolean;
  placesLeft(event: BroadcastEvent, rsvps: RsvpRef[]): number | undefined;
  /** The calendar's invitation (or reminder) card. */
  card(data: EventCardRequest): CardJson;
}

export interface AnnouncementPorts {
  cohorts: CohortsPort;
  participants: { listByCohort(cohortId: string): Promise<PersonRef[]> };
  pairs: { listByCohort(cohortId: string): Promise<PairRef[]> };
  /** Each pair's health ('needs_check_in', 'at_risk', …), for the needs-check-in audience. */
  pairHealth(cohortId: string): Promise<{ pairId: string; health: string }[]>;
  conversations: Pick<ConversationRepository, 'getPersonal'>;
  /** Who asked to hear about the next cohort, on a cohort's list (the applications feature). */
  nextCohortList(cohortId: string): Promise<{ userId: string; displayName: string }[]>;
  identity: IdentityPort;
  events: EventsPort;
}
