import type { Clock } from './clock';
import type { Config } from './config';
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
}
