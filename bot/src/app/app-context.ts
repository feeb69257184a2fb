import type { Clock } from '../platform/clock';
import type { Config } from './config';
import type { JobStore } from '../platform/storage/jobs/job-store';
import type { Scheduler } from '../platform/storage/jobs/scheduler';
import type { JourneyService } from '../features/journey/services/journey-service';
import type {
  AnnouncementActions,
  AnnouncementService,
  Fanout,
  ProgrammeChannels,
} from '../features/announcements';
import type { MeetingService } from '../features/journey/services/meeting-service';
import type { PairWorkService } from '../features/journey/services/pair-work-service';
import type { CardActionRouter } from '../features/journey/teams/card-actions';
import type { JourneyCommands } from '../features/journey/teams/journey-commands';
import type { ProactiveSender } from '../platform/teams/proactive-sender';
import type { Logger } from '../platform/logger';
import type { TokenVerifier } from '../platform/http/auth/token-verifier';
import type { HttpEnv } from '../platform/http/route';
import type { HealthCheck } from '../platform/http/health';
import type {
  CohortService,
  IdentityService,
  MeService,
  RosterService,
} from '../features/cohorts/index';
import type { CalendarService } from '../features/calendar/index';
import type { ChannelHomeService } from '../features/channel-home/index';
import type { DevService } from '../features/dev/index';
import type { PairHealthRow } from '../features/journey/index';
import type { Repositories } from './repositories';

/** What request handlers and the bot share; built once in server.ts. */
export interface AppContext {
  config: Config;
  http: HttpEnv;
  log: Logger;
  repos: Repositories;
  identity: IdentityService;
  roster: RosterService;
  verifier: TokenVerifier;
  health: HealthCheck;
  clock: Clock;
  journey: JourneyService;
  journeyMeetings: MeetingService;
  pairWork: PairWorkService;
  cardActions: CardActionRouter;
  journeyCommands: JourneyCommands;
  sender: ProactiveSender;
  jobs: JobStore;
  scheduler: Scheduler;
  announcements: AnnouncementService;
  announcementActions: AnnouncementActions;
  cohorts: CohortService;
  me: MeService;
  calendar: CalendarService;
  cohortHealth: { cohortHealth(cohortId: string): Promise<PairHealthRow[]> };
  channelHome: ChannelHomeService;
  /** Only with AUTH_MODE=dev. */
  dev?: DevService;
  announcementChannels: ProgrammeChannels;
  fanout: Fanout;
}
