import type { Server } from 'restify';
import {
  ADMIN_ERASURES_PATH,
  ERASURE_PATH,
  type PendingErasures,
} from '../../../contracts/data-rights';
import { erasureDeclineSchema, erasureRequestSchema } from '../../../contracts/data-erasure-input';
import { invalidBody } from '../../../platform/errors';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, adminRoute, authedRoute } from '../../../platform/http/route';
import type { ErasureService } from '../services/erasure-service';

export interface ErasureRouteDeps {
  http: HttpEnv;
  erasures: Pick<ErasureService, 'ask' | 'mine' | 'pending' | 'confirm' | 'decline'>;
}

/**
 * Erase my data. The person asks for their own (whose is always the token's); programme admins
 * list what waits and confirm (If-Match) or decline with a reason. Nobody confirms their own.
 */
export function registerErasureRoutes(server: Server, deps: ErasureRouteDeps): void {
  const { http, erasures } = deps;
  const caller = (c: { userId: string; name: string }) => ({ userId: c.userId, name: c.name });

  server.get(
    ERASURE_PATH,
    authedRoute(http, async (input) => ({ body: await erasures.mine(caller(input.caller)) })),
  );

  server.post(
    ERASURE_PATH,
    authedRoute(http, async ({ req, caller: who, log }) => {
      const raw = await readJson(req, http.maxBodyBytes);
      const parsed = erasureRequestSchema.safeParse(raw ?? {});
      if (!parsed.success) throw invalidBody(parsed.error);
      const body = await erasures.ask(caller(who), parsed.data.reason || undefined);
      log.info('erasure asked');
      return { status: 202, body };
    }),
  );

  server.get(
    ADMIN_ERASURES_PATH,
    adminRoute(http, async () => {
      const body: PendingErasures = { requests: await erasures.pending() };
      return { body };
    }),
  );

  server.post(
    `${ADMIN_ERASURES_PATH}/:erasureId/confirm`,
    adminRoute(http, async ({ req, params, caller: who, log }) => {
      const etag = ifMatch(req);
      const body = await erasures.confirm(params.erasureId!, etag, caller(who));
      log.info('erasure confirmed');
      return { body };
    }),
  );

  server.post(
    `${ADMIN_ERASURES_PATH}/:erasureId/decline`,
    adminRoute(http, async ({ req, params, caller: who, log }) => {
      const etag = ifMatch(req);
      const parsed = erasureDeclineSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const body = await erasures.decline(params.erasureId!, etag, parsed.data.reason, caller(who));
      log.info('erasure declined');
      return { body };
    }),
  );
}
