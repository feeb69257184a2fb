import type { Server } from 'restify';
import { devClockRequestSchema, devTokenRequestSchema } from '../../../contracts/dev';
import { invalidBody } from '../../../platform/errors';
import { readJson } from '../../../platform/http/request-body';
import { readProcessMetrics } from '../../../platform/process-metrics';
import { type HttpEnv, publicRoute } from '../../../platform/http/route';
import type { DevService } from '../services/dev-service';

/** What the development routes use. */
export interface DevRouteDeps {
  http: HttpEnv;
  /** Only with AUTH_MODE=dev; without it the routes are not registered (they answer 404). */
  dev?: Pick<DevService, 'users' | 'token' | 'moveClock' | 'runDue'>;
}

/**
 * Development-only routes: sign in as a demo person without Entra, and move time.
 * They are registered only when AUTH_MODE=dev, so they answer 404 otherwise.
 */
export function registerDevRoutes(server: Server, deps: DevRouteDeps): void {
  const { http, dev } = deps;
  if (!dev) return;

  server.get(
    '/api/dev/users',
    publicRoute(http, async () => ({ body: { users: dev.users() } })),
  );

  // Time travel for tests and demos: move the service's clock, then run what is due.
  server.post(
    '/api/dev/clock',
    publicRoute(http, async ({ req }) => {
      const parsed = devClockRequestSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      return { body: { now: dev.moveClock(new Date(parsed.data.now)) } };
    }),
  );

  server.post(
    '/api/dev/run-jobs',
    publicRoute(http, async () => ({ body: await dev.runDue() })),
  );

  // Memory and event-loop delay since the last reading, for `npm run bench:api` (?gc=1: after
  // a full collection, when the process runs with --expose-gc).
  server.get(
    '/api/dev/metrics',
    publicRoute(http, async ({ req }) => ({
      body: readProcessMetrics(/(^|&)gc=1(&|$)/.test(String(req.getQuery() ?? ''))),
    })),
  );

  server.post(
    '/api/dev/token',
    publicRoute(http, async ({ req }) => {
      const parsed = devTokenRequestSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      return { body: await dev.token(parsed.data) };
    }),
  );
}
