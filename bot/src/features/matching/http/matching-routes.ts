import type { Request, Server } from 'restify';
import type { ZodType } from 'zod';
import {
  emptyBodySchema,
  matchingSettingsSchema,
  runPairSchema,
  runReciprocalPairSchema,
  runSwapSchema,
} from '../../../contracts/matching';
import { invalidBody } from '../../../platform/errors';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { CohortService } from '../../cohorts';
import type { MatchingService, RunEdit } from '../services/matching-service';
import type { PublishService } from '../services/publish-service';

export interface MatchingRouteDeps {
  http: HttpEnv;
  cohorts: Pick<CohortService, 'get'>;
  matching: Pick<
    MatchingService,
    'settings' | 'saveSettings' | 'run' | 'latest' | 'lastPublished' | 'edit'
  >;
  publishing: Pick<PublishService, 'publish'>;
}

function parse<T>(json: unknown, schema: ZodType<T>): T {
  const parsed = schema.safeParse(json ?? {});
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

async function body<T>(req: Request, schema: ZodType<T>, limit: number): Promise<T> {
  return parse(await readJson(req, limit), schema);
}

/** A reverse pair (mentorId, menteeId), or a reciprocal one (arrangement 'reciprocal', partners). */
async function pairRef(req: Request, limit: number) {
  const json = await readJson(req, limit);
  const reciprocal =
    typeof json === 'object' &&
    json !== null &&
    (json as { arrangement?: unknown }).arrangement === 'reciprocal';
  return reciprocal ? parse(json, runReciprocalPairSchema) : parse(json, runPairSchema);
}

/** If-Match when sent (settings saved before need it; the first save has none to send). */
function optionalIfMatch(req: Request): string | undefined {
  const value = req.headers['if-match'];
  return typeof value === 'string' && value.trim() !== '' ? ifMatch(req) : undefined;
}

const withEtag = <T extends { etag: string | null }>(view: T) => ({
  body: view,
  headers: view.etag ? { ETag: view.etag } : undefined,
});

/** A cohort's matching: settings, runs as drafts and their edits, publish and re-match. */
export function registerMatchingRoutes(server: Server, deps: MatchingRouteDeps): void {
  const { http, cohorts, matching, publishing } = deps;
  const limit = http.maxBodyBytes;
  const base = '/api/cohorts/:cohortId/matching';

  server.get(
    `${base}/settings`,
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId!);
      return withEtag(await matching.settings(cohort.value.id));
    }),
  );
  server.put(
    `${base}/settings`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const cohort = await cohorts.get(params.cohortId!);
      const etag = optionalIfMatch(req);
      const input = await body(req, matchingSettingsSchema, limit);
      return withEtag(await matching.saveSettings(cohort.value, input, etag, caller));
    }),
  );

  const start = (path: string, kind: 'run' | 'rematch') =>
    server.post(
      path,
      coordinatorRoute(http, async ({ req, params, caller, log }) => {
        const cohort = await cohorts.get(params.cohortId!);
        await body(req, emptyBodySchema, limit);
        const run = await matching.run(cohort.value, kind, caller);
        log.info({ cohortId: cohort.value.id, runId: run.id, kind }, 'matching run');
        return { status: 201, ...withEtag(run) };
      }),
    );
  start(`${base}/runs`, 'run');
  start(`${base}/rematch`, 'rematch');

  server.get(
    `${base}/runs/latest`,
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId!);
      return withEtag(await matching.latest(cohort.value.id));
    }),
  );

  // The last published run, read-only, also once a re-match draft is the latest (404 if none).
  server.get(
    `${base}/runs/published`,
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId!);
      return withEtag(await matching.lastPublished(cohort.value.id));
    }),
  );

  const edit = (verb: 'lock' | 'unlock' | 'remove' | 'swap') =>
    server.post(
      `${base}/runs/:runId/${verb}`,
      coordinatorRoute(http, async ({ req, params, caller }) => {
        const cohort = await cohorts.get(params.cohortId!);
        const etag = ifMatch(req);
        const change: RunEdit =
          verb === 'swap'
            ? { kind: 'swap', swap: await body(req, runSwapSchema, limit) }
            : { kind: verb, pair: await pairRef(req, limit) };
        return withEtag(await matching.edit(cohort.value, params.runId!, etag, change, caller));
      }),
    );
  edit('lock');
  edit('unlock');
  edit('swap');
  edit('remove');

  server.post(
    `${base}/runs/:runId/publish`,
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId!);
      const etag = ifMatch(req);
      await body(req, emptyBodySchema, limit);
      const result = await publishing.publish(cohort.value, params.runId!, etag, caller);
      log.info(
        { cohortId: cohort.value.id, runId: params.runId, pairs: result.pairs.length },
        'matching published',
      );
      return { body: result };
    }),
  );
}
