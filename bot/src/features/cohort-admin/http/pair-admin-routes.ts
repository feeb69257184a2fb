import type { Request, Server } from 'restify';
import type { ZodType } from 'zod';
import {
  endPairSchema,
  newPairSchema,
  pausePairSchema,
  resumePairSchema,
} from '../../../contracts/people';
import { invalidBody } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { Actor, Cohort, CohortService } from '../../cohorts';
import type { PairAdminService } from '../services/pair-admin-service';

export interface PairAdminRouteDeps {
  http: HttpEnv;
  cohorts: Pick<CohortService, 'get'>;
  pairs: Pick<PairAdminService, 'makePair' | 'pause' | 'resume' | 'end'>;
}

async function body<T>(req: Request, schema: ZodType<T>, limit: number): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, limit));
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** A cohort's pairs, made, paused, resumed and ended by its coordinators and programme admins. */
export function registerPairAdminRoutes(server: Server, deps: PairAdminRouteDeps): void {
  const { http, cohorts, pairs } = deps;
  const limit = http.maxBodyBytes;
  const pair = '/api/cohorts/:cohortId/pairs/:pairId';

  server.post(
    '/api/cohorts/:cohortId/pairs',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId!);
      const input = await body(req, newPairSchema, limit);
      const made = await pairs.makePair(cohort.value, input, caller);
      log.info({ cohortId: cohort.value.id, pairId: made.pairId }, 'pair made');
      const etag = httpEtag(made.etag);
      return { status: 201, body: { ...made, etag }, headers: { ETag: etag } };
    }),
  );

  const change = (
    verb: 'pause' | 'resume' | 'end',
    run: (
      req: Request,
      cohort: Cohort,
      pairId: string,
      etag: string,
      caller: Actor,
    ) => Promise<{ etag: string }>,
  ) =>
    server.post(
      `${pair}/${verb}`,
      coordinatorRoute(http, async ({ req, params, caller, log }) => {
        const cohort = await cohorts.get(params.cohortId!);
        const etag = ifMatch(req);
        const changed = await run(req, cohort.value, params.pairId!, etag, caller);
        log.info({ cohortId: cohort.value.id, pairId: params.pairId, verb }, 'pair changed');
        const next = httpEtag(changed.etag);
        return { body: { ...changed, etag: next }, headers: { ETag: next } };
      }),
    );

  change('pause', async (req, cohort, pairId, etag, caller) =>
    pairs.pause(cohort, pairId, etag, await body(req, pausePairSchema, limit), caller),
  );
  change('resume', async (req, cohort, pairId, etag, caller) => {
    const input = await body(req, resumePairSchema, limit);
    return pairs.resume(cohort, pairId, etag, input.reason, caller);
  });
  change('end', async (req, cohort, pairId, etag, caller) => {
    const input = await body(req, endPairSchema, limit);
    return pairs.end(cohort, pairId, etag, input.reason, caller);
  });
}
