import type { Clock } from './clock';
import type { Config } from './config';
import type { JobStore } from './jobs/job-store';
import type { Scheduler } from './jobs/scheduler';
import type { JourneyService } from './services/journey-service';
import type { FanoutWorker } from './fanout/fanout-worker';
import type { AnnouncementService } from './services/announcement-service';
import type { AnnouncementActions } from './teams/announcement-actions';
import type { CardActionRouter } from './teams/card-actions';
import type { JourneyCommands } from './teams/journey-commands';
import type { ProactiveSender } from './teams/proactive-sender';
import type { Logger } from './logger';
import type { TokenVerifier } from './api/auth/token-verifier';
import type { HealthCheck } from './http/health';
import type { IdentityService } from './services/identity-service';
import type { RosterService } from './services/roster-service';
import type { Repositories } from './store/repositories';

/** What request handlers and the bot share; built once in server.ts. */
export interface AppContext {
  config: Config;
  log: Logger;
  repos: Repositories;
  identity: IdentityService;
  roster: RosterService;
  verifier: TokenVerifier;
  health: HealthCheck;
  clock: Clock;
  journey: JourneyService;
  cardActions: CardActionRouter;
  journeyCommands: JourneyCommands;
  sender: ProactiveSender;
  jobs: JobStore;
  scheduler: Scheduler;
  announcements: AnnouncementService;
  announcementActions: AnnouncementActions;
  fanout: FanoutWorker;
}
