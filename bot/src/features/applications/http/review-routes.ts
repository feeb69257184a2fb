import type { Request, Server } from 'restify';
import type { ZodType } from 'zod';
import {
  attendanceSchema,
  bulkAttendanceSchema,
  bulkDecisionSchema,
  decisionSchema,
  managerAnswerSchema,
  reviewQuerySchema,
} from '../../../contracts/application-review';
import type { PersonalDataViewLog } from '../../../contracts/privacy';
import { invalidBody } from '../../../platform/errors';
import { readJson } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { ManagerSupportService } from '../services/manager-support-service';
import type { ReviewService } from '../services/review-service';

export interface ReviewRouteDeps {
  http: HttpEnv;
  review: Pick<
    ReviewService,
    'list' | 'decide' | 'decideMany' | 'recordAttendance' | 'recordAttendanceMany'
  >;
  managers: Pick<ManagerSupportService, 'ask' | 'answer'>;
  /** Each person whose application the list shows is recorded as viewed (who, whose, when). */
  views: PersonalDataViewLog;
}

async function body<T>(req: Request, schema: ZodType<T>, limit: number): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, limit));
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

function query(req: Request) {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const parsed = reviewQuerySchema.safeParse(Object.fromEntries(params.entries()));
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/**
 * The coordinator's review of a cohort's applications (scoped to the cohorts they run):
 * the list, decisions (one, or many each with its own result), training attendance, and the
 * line manager's question (asked again, or answered on the manager's behalf).
 */
export function registerReviewRoutes(server: Server, deps: ReviewRouteDeps): void {
  const { http, review, managers, views } = deps;
  const limit = http.maxBodyBytes;
  const base = '/api/cohorts/:cohortId/applications';
  const one = `${base}/:applicationId`;
  const actorOf = (caller: { userId: string; name?: string }) => ({
    userId: caller.userId,
    name: caller.name ?? '',
  });

  server.get(
    base,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const list = await review.list(params.cohortId!, query(req));
      await views.applicationsViewed(
        actorOf(caller),
        params.cohortId!,
        list.applications.map((a) => ({
          applicationId: a.applicationId,
          displayName: a.displayName,
        })),
      );
      return { body: list };
    }),
  );

  server.post(
    `${base}/decisions`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const input = await body(req, bulkDecisionSchema, limit);
      return { body: await review.decideMany(params.cohortId!, input, actorOf(caller)) };
    }),
  );

  server.post(
    `${base}/attendance`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const input = await body(req, bulkAttendanceSchema, limit);
      return { body: await review.recordAttendanceMany(params.cohortId!, input, actorOf(caller)) };
    }),
  );

  server.post(
    `${one}/decision`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const input = await body(req, decisionSchema, limit);
      const done = await review.decide(
        params.cohortId!,
        params.applicationId!,
        input,
        actorOf(caller),
      );
      return { body: done, headers: { ETag: done.etag } };
    }),
  );

  server.put(
    `${one}/attendance`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const input = await body(req, attendanceSchema, limit);
      const done = await review.recordAttendance(
        params.cohortId!,
        params.applicationId!,
        input,
        actorOf(caller),
      );
      return { body: done, headers: { ETag: done.etag } };
    }),
  );

  server.post(
    `${one}/manager-answer`,
    coordinatorRoute(http, async ({ req, params, caller }) => {
      const input = await body(req, managerAnswerSchema, limit);
      const who = { kind: 'coordinator' as const, actor: actorOf(caller) };
      const done = await managers.answer(who, params.cohortId!, params.applicationId!, input);
      return { body: { applicationId: params.applicationId, managerSupport: done.managerSupport } };
    }),
  );

  server.post(
    `${one}/ask-manager`,
    coordinatorRoute(http, async ({ params, caller }) => ({
      body: {
        applicationId: params.applicationId,
        ...(await managers.ask(params.cohortId!, params.applicationId!, actorOf(caller))),
      },
    })),
  );
}
