import type { CloudAdapter } from 'botbuilder';
import {
  type AnnouncementFeature,
  type FanoutQueue,
  TeamsDelivery,
  createAnnouncements,
} from '../features/announcements';
import { buildEventCard, isInvited, placesLeft } from '../features/calendar/index';
import type { IdentityService } from '../features/cohorts/index';
import type { PairHealthRow } from '../features/journey/index';
import type { Logger } from '../platform/logger';
import type { TableStore } from '../platform/storage/table-store';
import { WorkerRegistry } from '../platform/teams/worker-registry';
import type { Config } from './config';
import type { Repositories } from './repositories';

/**
 * Announcements (the coordinators' messages to a cohort, its channel and the next cohort's
 * interest list), over the cohorts' stores, the calendar's events and the pairs' health; sent
 * by the fan-out under Teams' rate, shared with every other proactive send.
 */
export function composeAnnouncements(deps: {
  store: TableStore;
  repos: Repositories;
  queue: FanoutQueue;
  adapter: CloudAdapter;
  botAppId: string;
  /** This process, as the fan-out's worker registry names it. */
  instanceId: string;
  identity: IdentityService;
  pairHealth: (cohortId: string) => Promise<PairHealthRow[]>;
  /** Who asked to hear about the next cohort (the applications feature's interest list). */
  interestList: (cohortId: string) => Promise<{ userId: string; name: string }[]>;
  config: Pick<Config, 'publicUrl' | 'fanout'>;
  now: () => Date;
  log: Logger;
}): AnnouncementFeature {
  const { repos, log } = deps;
  return createAnnouncements({
    repo: repos.announcements,
    queue: deps.queue,
    delivery: new TeamsDelivery(deps.adapter, deps.botAppId, repos.conversations, log),
    registry: new WorkerRegistry(deps.store, deps.instanceId.replace(/[^A-Za-z0-9:._-]/g, '_')),
    ports: {
      cohorts: repos.cohorts,
      participants: repos.participants,
      pairs: repos.pairs,
      pairHealth: deps.pairHealth,
      conversations: repos.conversations,
      nextCohortList: async (cohortId) =>
        (await deps.interestList(cohortId)).map((i) => ({
          userId: i.userId,
          displayName: i.name,
        })),
      identity: deps.identity,
      events: {
        get: (cohortId, eventId) => repos.events.get(cohortId, eventId),
        calendar: (cohortId) => repos.events.calendar(cohortId),
        isInvited,
        placesLeft,
        card: buildEventCard,
      },
    },
    now: deps.now,
    log,
    publicUrl: deps.config.publicUrl,
    fanout: deps.config.fanout,
  });
}
