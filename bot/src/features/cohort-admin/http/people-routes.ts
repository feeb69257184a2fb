import type { Request, Server } from 'restify';
import type { ZodType } from 'zod';
import {
  moveParticipantSchema,
  newParticipantSchema,
  participantChangeSchema,
  removeParticipantSchema,
} from '../../../contracts/people';
import { mayRunCohort } from '../../../contracts/roles';
import { AppError, invalidBody } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { Versioned } from '../../../platform/storage/versioned';
import { type CohortService, type Participant, participantView } from '../../cohorts';
import type { PeopleService } from '../services/people-service';

export interface PeopleRouteDeps {
  http: HttpEnv;
  cohorts: Pick<CohortService, 'get'>;
  people: Pick<PeopleService, 'add' | 'edit' | 'remove' | 'move'>;
}

function personReply(saved: Versioned<Participant>, status = 200) {
  const etag = httpEtag(saved.etag);
  return {
    status,
    body: participantView(saved.value, undefined, etag),
    headers: { ETag: etag },
  };
}

/** A JSON body, or `{}` when none was sent (the body of a DELETE is optional). */
async function optionalBody<T>(req: Request, schema: ZodType<T>, limit: number): Promise<T> {
  const sent = Number(req.headers['content-length'] ?? 0) > 0;
  const parsed = schema.safeParse(sent ? await readJson(req, limit) : {});
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

async function body<T>(req: Request, schema: ZodType<T>, limit: number): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, limit));
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** A cohort's people, changed by its coordinators and programme admins. */
export function registerPeopleRoutes(server: Server, deps: PeopleRouteDeps): void {
  const { http, cohorts, people } = deps;
  const limit = http.maxBodyBytes;
  const person = '/api/cohorts/:cohortId/participants/:participantId';

  server.post(
    '/api/cohorts/:cohortId/participants',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId!);
      const input = await body(req, newParticipantSchema, limit);
      const saved = await people.add(cohort.value, input, caller);
      log.info({ cohortId: cohort.value.id, participantId: saved.value.id }, 'participant added');
      return personReply(saved, 201);
    }),
  );

  server.put(
    person,
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId!);
      const etag = ifMatch(req);
      const input = await body(req, participantChangeSchema, limit);
      const saved = await people.edit(cohort.value, params.participantId!, etag, input, caller);
      log.info({ cohortId: cohort.value.id, participantId: saved.value.id }, 'participant edited');
      return personReply(saved);
    }),
  );

  server.del(
    person,
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId!);
      const etag = ifMatch(req);
      const { reason } = await optionalBody(req, removeParticipantSchema, limit);
      const removed = await people.remove(
        cohort.value,
        params.participantId!,
        etag,
        reason,
        caller,
      );
      log.info(
        { cohortId: cohort.value.id, participantId: removed.participantId },
        'participant removed',
      );
      return { body: removed };
    }),
  );

  // The caller must run both cohorts: a cohort they do not run answers 404, as everywhere.
  server.post(
    `${person}/move`,
    coordinatorRoute(http, async ({ req, params, caller, access, log }) => {
      const from = await cohorts.get(params.cohortId!);
      const etag = ifMatch(req);
      const input = await body(req, moveParticipantSchema, limit);
      if (!mayRunCohort(access, input.toCohortId)) throw AppError.notFound('No cohort has that id');
      const to = await cohorts.get(input.toCohortId);
      const moved = await people.move(
        from.value,
        to.value,
        params.participantId!,
        etag,
        input.reason,
        caller,
      );
      log.info({ from: from.value.id, to: to.value.id }, 'participant moved');
      return { body: moved };
    }),
  );
}
