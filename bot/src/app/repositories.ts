import { AnnouncementRepository } from '../features/announcements/store/announcement-repository';
import { CalendarFeedRepository } from '../features/calendar/store/calendar-feed-repository';
import { CohortRepository } from '../features/cohorts/store/cohort-repository';
import { EventRepository } from '../features/calendar/store/event-repository';
import { ConversationRepository } from '../platform/teams/conversation-repository';
import { LinkRepository } from '../features/cohorts/store/link-repository';
import { MembershipRepository } from '../features/cohorts/store/membership-repository';
import { PairRepository } from '../features/cohorts/store/pair-repository';
import { ParticipantRepository } from '../features/cohorts/store/participant-repository';
import { PairSpaceRepository } from '../features/journey/store/pair-space-repository';
import { RoleRepository } from '../features/cohorts/store/role-repository';
import type { TableStore } from '../platform/storage/table-store';

/** Every repository over one store, built once at start. */
export interface Repositories {
  cohorts: CohortRepository;
  participants: ParticipantRepository;
  pairs: PairRepository;
  memberships: MembershipRepository;
  links: LinkRepository;
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
    links: new LinkRepository(store),
    conversations: new ConversationRepository(store),
    roles: new RoleRepository(store),
    pairSpaces: new PairSpaceRepository(store),
    events: new EventRepository(store),
    calendarFeeds: new CalendarFeedRepository(store),
    announcements: new AnnouncementRepository(store),
  };
}
