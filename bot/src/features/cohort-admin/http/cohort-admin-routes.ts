import type { Server } from 'restify';
import {
  type CohortClosed,
  type CohortDetail,
  closeCohortSchema,
  cohortChangeSchema,
} from '../../../contracts/cohort-admin';
import { invalidBody } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { Versioned } from '../../../platform/storage/versioned';
import { type Cohort, cohortView } from '../../cohorts';
import type { CohortSettingsService } from '../services/cohort-settings-service';

export interface CohortAdminRouteDeps {
  http: HttpEnv;
  settings: Pick<CohortSettingsService, 'edit' | 'close' | 'archive'>;
}

/** A cohort as its programme team reads it, with the ETag to send as If-Match. */
export function cohortDetail(cohort: Versioned<Cohort>): CohortDetail {
  return { ...cohortView(cohort.value), etag: httpEtag(cohort.etag) };
}

function reply(cohort: Versioned<Cohort>) {
  const body = cohortDetail(cohort);
  return { body, headers: { ETag: body.etag } };
}

/** Editing, closing and archiving a cohort: its coordinators and programme admins, If-Match. */
export function registerCohortAdminRoutes(server: Server, deps: CohortAdminRouteDeps): void {
  const { http, settings } = deps;

  server.put(
    '/api/cohorts/:cohortId',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const etag = ifMatch(req);
      const parsed = cohortChangeSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const saved = await settings.edit(params.cohortId!, etag, parsed.data, caller);
      log.info({ cohortId: saved.value.id }, 'cohort edited');
      return reply(saved);
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/close',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const etag = ifMatch(req);
      const raw =
        Number(req.headers['content-length'] ?? 0) > 0
          ? await readJson(req, http.maxBodyBytes)
          : {};
      const parsed = closeCohortSchema.safeParse(raw);
      if (!parsed.success) throw invalidBody(parsed.error);
      const closed = await settings.close(params.cohortId!, etag, parsed.data.reason, caller);
      log.info({ cohortId: params.cohortId, ...closed, cohort: undefined }, 'cohort closed');
      const body: CohortClosed = {
        cohort: cohortDetail(closed.cohort),
        completed: closed.completed,
        ended: closed.ended,
      };
      return { body, headers: { ETag: body.cohort.etag } };
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/archive',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const etag = ifMatch(req);
      const saved = await settings.archive(params.cohortId!, etag, caller);
      log.info({ cohortId: saved.value.id }, 'cohort archived');
      return reply(saved);
    }),
  );
}
