import type { Request, Server } from 'restify';
import type { ZodType } from 'zod';
import {
  type InsightView,
  insightConsentSchema,
  insightTextSchema,
  newInsightSchema,
  publishInsightSchema,
  returnInsightSchema,
} from '../../../contracts/insights';
import { maySeeAggregates } from '../../../contracts/roles';
import { AppError, invalidBody } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, authedRoute, coordinatorRoute } from '../../../platform/http/route';
import type { InsightService } from '../services/insight-service';

export interface InsightRouteDeps {
  http: HttpEnv;
  insights: Pick<
    InsightService,
    | 'listMine'
    | 'create'
    | 'editAsAuthor'
    | 'consent'
    | 'withdraw'
    | 'queue'
    | 'editAsModerator'
    | 'publish'
    | 'returnToAuthors'
    | 'board'
  >;
}

function reply<T extends InsightView>(view: T, status = 200) {
  const etag = httpEtag(view.etag);
  return { status, body: { ...view, etag }, headers: { ETag: etag } };
}

/**
 * Insights and testimonials (docs/insights.md):
 * - `/api/me/insights…`: the caller's own, as an author (anyone else finds nothing: 404);
 * - `/api/cohorts/{id}/insights…`: moderation, for those who run the cohort;
 * - `/api/cohorts/{id}/insights/board`: the published ones, for those who run the cohort and
 *   its sponsors (404 for anyone else). No answer names a person or a pair.
 * Every change after the first (and an author's withdrawal, DELETE) needs If-Match; a stale one gets 412 and changes nothing.
 */
export function registerInsightRoutes(server: Server, deps: InsightRouteDeps): void {
  const { http, insights } = deps;

  async function body<T>(req: Request, schema: ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await readJson(req, http.maxBodyBytes));
    if (!parsed.success) throw invalidBody(parsed.error);
    return parsed.data;
  }

  server.get(
    '/api/me/insights',
    authedRoute(http, async ({ caller }) => {
      const mine = await insights.listMine(caller.userId);
      return { body: { insights: mine.insights.map((i) => ({ ...i, etag: httpEtag(i.etag) })) } };
    }),
  );

  server.post(
    '/api/me/insights',
    authedRoute(http, async ({ req, caller }) =>
      reply(await insights.create(caller.userId, await body(req, newInsightSchema)), 201),
    ),
  );

  const mine = '/api/me/insights/:cohortId/:insightId';
  server.put(
    mine,
    authedRoute(http, async ({ req, params, caller }) => {
      const etag = ifMatch(req);
      const text = await body(req, insightTextSchema);
      return reply(
        await insights.editAsAuthor(caller.userId, params.cohortId!, params.insightId!, etag, text),
      );
    }),
  );

  server.post(
    `${mine}/consent`,
    authedRoute(http, async ({ req, params, caller }) => {
      const etag = ifMatch(req);
      const decision = await body(req, insightConsentSchema);
      return reply(
        await insights.consent(caller.userId, params.cohortId!, params.insightId!, etag, decision),
      );
    }),
  );

  // An author withdraws it (issue 17): deleted at once, out of the queue and off the board.
  server.del(
    mine,
    authedRoute(http, async ({ req, params, caller }) => {
      const etag = ifMatch(req);
      await insights.withdraw(caller.userId, params.cohortId!, params.insightId!, etag);
      return { body: { withdrawn: true } };
    }),
  );

  const cohort = '/api/cohorts/:cohortId/insights';
  server.get(
    cohort,
    coordinatorRoute(http, async ({ params }) => {
      const queue = await insights.queue(params.cohortId!);
      return { body: { insights: queue.insights.map((i) => ({ ...i, etag: httpEtag(i.etag) })) } };
    }),
  );

  server.get(
    `${cohort}/board`,
    authedRoute(http, async ({ params, caller }) => {
      const cohortId = params.cohortId!;
      const access = await http.accessOf(caller.userId);
      if (!maySeeAggregates(access, cohortId)) throw AppError.notFound('No cohort has that id');
      return { body: await insights.board(cohortId) };
    }),
  );

  server.put(
    `${cohort}/:insightId`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const etag = ifMatch(req);
      const text = await body(req, insightTextSchema);
      const actor = { userId: caller.userId, name: caller.name };
      return reply(
        await insights.editAsModerator(actor, params.cohortId!, params.insightId!, etag, text),
      );
    }),
  );

  server.post(
    `${cohort}/:insightId/publish`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const etag = ifMatch(req);
      const { theme } = await body(req, publishInsightSchema);
      const actor = { userId: caller.userId, name: caller.name };
      return reply(await insights.publish(actor, params.cohortId!, params.insightId!, etag, theme));
    }),
  );

  server.post(
    `${cohort}/:insightId/return`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const etag = ifMatch(req);
      const { note } = await body(req, returnInsightSchema);
      const actor = { userId: caller.userId, name: caller.name };
      return reply(
        await insights.returnToAuthors(actor, params.cohortId!, params.insightId!, etag, note),
      );
    }),
  );
}
