import type { Server } from 'restify';
import { type HttpEnv, authedRoute } from '../../../platform/http/route';
import type { ChannelHomeService } from '../services/channel-home-service';

/** What the channel home routes use. */
export interface HomeRouteDeps {
  http: HttpEnv;
  home: Pick<ChannelHomeService, 'home' | 'cohortOfChannel'>;
}

/** The programme channel's home, and which cohort a channel belongs to. */
export function registerHomeRoutes(server: Server, deps: HomeRouteDeps): void {
  const { http, home } = deps;

  server.get(
    '/api/cohorts/:cohortId/home',
    authedRoute(http, async ({ caller, params }) => ({
      body: await home.home(caller, params.cohortId ?? ''),
    })),
  );

  /** Which cohort a Teams channel belongs to (set when the channel tab was added). */
  server.get(
    '/api/channels/:channelId/cohort',
    authedRoute(http, async ({ caller, params }) => ({
      body: await home.cohortOfChannel(caller, params.channelId ?? ''),
    })),
  );
}
