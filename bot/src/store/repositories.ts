import { AnnouncementRepository } from './announcement-repository';
import { CalendarFeedRepository } from './calendar-feed-repository';
import { CohortRepository } from './cohort-repository';
import { EventRepository } from './event-repository';
import { ConversationRepository } from './conversation-repository';
import { MembershipRepository } from './membership-repository';
import { PairRepository } from './pair-repository';
import { ParticipantRepository } from './participant-repository';
import { PairSpaceRepository } from './pair-space-repository';
import { RoleRepository } from './role-repository';
import type { TableStore } from './table-store';

/** Every repository over one store, built once at start. */
export interface Repositories {
  cohorts: CohortRepository;
  participants: ParticipantRepository;
  pairs: PairRepository;
  memberships: MembershipRepository;
  conversations: ConversationRepository;
  roles: RoleRepository;
  pairSpaces: PairSpaceRepository;
  events: EventRepository;
  calendarFeeds: CalendarFeedRepository;
  announcements: AnnouncementRepository;
}

export function createRepositories(store: TableStore): Repositories {
  return {
    cohorts: new CohortRepository(store),
    participants: new ParticipantRepository(store),
    pairs: new PairRepository(store),
    memberships: new MembershipRepository(store),
    conversations: new ConversationRepository(store),
    roles: new RoleRepository(store),
    pairSpaces: new PairSpaceRepository(store),
    events: new EventRepository(store),
    calendarFeeds: new CalendarFeedRepository(store),
    announcements: new AnnouncementRepository(store),
  };
}
