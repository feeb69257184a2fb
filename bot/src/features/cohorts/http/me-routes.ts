import type { Server } from 'restify';
import { type HttpEnv, authedRoute } from '../../../platform/http/route';
import type { MeService } from '../services/me-service';

/** What the me route uses. */
export interface MeRouteDeps {
  http: HttpEnv;
  me: Pick<MeService, 'me'>;
}

/** GET /api/me: who the caller is, their roles, cohorts and pair. */
export function registerMeRoutes(server: Server, deps: MeRouteDeps): void {
  server.get(
    '/api/me',
    authedRoute(deps.http, async ({ caller }) => ({ body: await deps.me.me(caller) })),
  );
}
