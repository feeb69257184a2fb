import type { Request, Server } from 'restify';
import {
  type MyApplication,
  type NextCohortInterest,
  applicationSettingsSchema,
  sensitiveAnswersSchema,
  withdrawApplicationSchema,
} from '../../../contracts/applications';
import { invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, authedRoute, coordinatorRoute } from '../../../platform/http/route';
import type { Applicant } from '../ports';
import type { ApplicationService } from '../services/application-service';
import type { ApplicationSettingsService } from '../services/application-settings-service';
import type { SensitiveService } from '../services/sensitive-service';

export interface ApplicationRouteDeps {
  http: HttpEnv;
  settings: Pick<ApplicationSettingsService, 'detail' | 'save'>;
  applications: Pick<
    ApplicationService,
    'mine' | 'openFor' | 'saveDraft' | 'submit' | 'withdraw' | 'setInterest'
  >;
  sensitive: Pick<SensitiveService, 'save' | 'remove'>;
}

/** If-Match when sent (then exactly as handed out); none for a first save. */
function optionalIfMatch(req: Request): string | undefined {
  return req.headers['if-match'] === undefined ? undefined : ifMatch(req);
}

/** A body that may be left out (`{}` then). */
async function optionalJson(req: Request, max: number): Promise<unknown> {
  return Number(req.headers['content-length'] ?? 0) > 0 ? readJson(req, max) : {};
}

const applicantOf = (caller: Caller): Applicant => ({
  userId: caller.userId,
  name: caller.name,
  ...(caller.email ? { email: caller.email.address } : {}),
});

function withEtag<T extends { etag?: string }>(view: T) {
  const body = view.etag ? { ...view, etag: httpEtag(view.etag) } : view;
  return { body, headers: body.etag ? { ETag: body.etag } : undefined };
}

/**
 * Applications: the programme team's settings for a cohort, and each person's own application
 * (read, draft, submit, withdraw), special-category answers and "tell me about the next cohort".
 */
export function registerApplicationRoutes(server: Server, deps: ApplicationRouteDeps): void {
  const { http, settings, applications, sensitive } = deps;
  const mine = '/api/cohorts/:cohortId/applications/mine';

  server.get(
    '/api/cohorts/:cohortId/application-settings',
    coordinatorRoute(http, async ({ params }) => withEtag(await settings.detail(params.cohortId!))),
  );

  server.put(
    '/api/cohorts/:cohortId/application-settings',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const etag = optionalIfMatch(req);
      const parsed = applicationSettingsSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const saved = await settings.save(params.cohortId!, etag, parsed.data, caller);
      log.info({ cohortId: params.cohortId }, 'application settings saved');
      return withEtag(saved);
    }),
  );

  server.get(
    '/api/applications/open',
    authedRoute(http, async ({ caller }) => ({
      body: await applications.openFor(applicantOf(caller)),
    })),
  );

  const reply = (view: MyApplication) => withEtag(view);

  server.get(
    mine,
    authedRoute(http, async ({ params, caller }) =>
      reply(await applications.mine(params.cohortId!, applicantOf(caller))),
    ),
  );

  server.put(
    `${mine}/draft`,
    authedRoute(http, async ({ req, params, caller }) => {
      const etag = optionalIfMatch(req);
      const body = await readJson(req, http.maxBodyBytes);
      return reply(await applications.saveDraft(params.cohortId!, applicantOf(caller), etag, body));
    }),
  );

  server.post(
    `${mine}/submit`,
    authedRoute(http, async ({ req, params, caller, log }) => {
      const etag = optionalIfMatch(req);
      const body = await optionalJson(req, http.maxBodyBytes);
      const sent = await applications.submit(params.cohortId!, applicantOf(caller), etag, body);
      log.info({ cohortId: params.cohortId }, 'application submitted');
      return reply(sent);
    }),
  );

  server.post(
    `${mine}/withdraw`,
    authedRoute(http, async ({ req, params, caller }) => {
      const parsed = withdrawApplicationSchema.safeParse(
        await optionalJson(req, http.maxBodyBytes),
      );
      if (!parsed.success) throw invalidBody(parsed.error);
      const me = applicantOf(caller);
      return reply(await applications.withdraw(params.cohortId!, me, parsed.data.reason));
    }),
  );

  server.put(
    `${mine}/sensitive`,
    authedRoute(http, async ({ req, params, caller }) => {
      const parsed = sensitiveAnswersSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      await applications.mine(params.cohortId!, applicantOf(caller)); // 404 unless it takes applications
      return { body: await sensitive.save(params.cohortId!, caller.userId, parsed.data) };
    }),
  );

  server.del(
    `${mine}/sensitive`,
    authedRoute(http, async ({ params, caller }) => ({
      body: await sensitive.remove(params.cohortId!, caller.userId),
    })),
  );

  const interest = (interested: boolean) =>
    authedRoute(http, async ({ params, caller }) => {
      const cohortId = params.cohortId!;
      await applications.setInterest(cohortId, applicantOf(caller), interested);
      const body: NextCohortInterest = { cohortId, interested };
      return { body };
    });
  server.post('/api/cohorts/:cohortId/next-cohort-interest', interest(true));
  server.del('/api/cohorts/:cohortId/next-cohort-interest', interest(false));
}
