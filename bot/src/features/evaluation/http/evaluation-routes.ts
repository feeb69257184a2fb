import type { Request, Server } from 'restify';
import { type MySurveys, saveSurveyAnswersSchema } from '../../../contracts/evaluation-api';
import { maySeeAggregates } from '../../../contracts/roles';
import { AppError, invalidBody } from '../../../platform/errors';
import { httpEtag, storedEtagOf } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, authedRoute, coordinatorRoute } from '../../../platform/http/route';
import type { PlanService } from '../services/plan-service';
import type { QuotesService } from '../services/quotes-service';
import type { ResultsService } from '../services/results-service';
import type { SurveyService } from '../services/survey-service';

export interface EvaluationRouteDeps {
  http: HttpEnv;
  plans: Pick<PlanService, 'detail' | 'save'>;
  surveys: Pick<SurveyService, 'mine' | 'save'>;
  results: Pick<ResultsService, 'report'>;
  quotes: Pick<QuotesService, 'quotes'>;
}

/** If-Match when sent (then exactly as handed out); none for a first save. */
function optionalIfMatch(req: Request): string | undefined {
  return req.headers['if-match'] === undefined ? undefined : ifMatch(req);
}

function withEtag<T extends { etag?: string }>(view: T) {
  const body = view.etag ? { ...view, etag: httpEtag(view.etag) } : view;
  return { body, headers: body.etag ? { ETag: body.etag } : undefined };
}

/**
 * Evaluation: a cohort's plan for those who run it, and each person's own open surveys and
 * answers, and the cohort's results (aggregates only) for those who run it and its sponsors.
 * No route returns anyone's answers but the caller's own; coordinators get none.
 */
export function registerEvaluationRoutes(server: Server, deps: EvaluationRouteDeps): void {
  const { http, plans, surveys, results, quotes } = deps;
  const plan = '/api/cohorts/:cohortId/evaluation/plan';

  server.get(
    plan,
    coordinatorRoute(http, async ({ params }) => withEtag(await plans.detail(params.cohortId!))),
  );

  server.put(
    plan,
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const etag = optionalIfMatch(req);
      const body = await readJson(req, http.maxBodyBytes);
      const saved = await plans.save(params.cohortId!, etag, body, caller);
      log.info({ cohortId: params.cohortId, version: saved.plan.version }, 'evaluation plan saved');
      return withEtag(saved);
    }),
  );

  // Quotable free text, for those who run the cohort only (never sponsors: unmoderated words).
  server.get(
    '/api/cohorts/:cohortId/evaluation/quotes',
    coordinatorRoute(http, async ({ params }) => ({ body: await quotes.quotes(params.cohortId!) })),
  );

  // Suppressed aggregates only: those who run the cohort and its sponsors; 404 for anyone else.
  server.get(
    '/api/cohorts/:cohortId/evaluation/results',
    authedRoute(http, async ({ params, caller }) => {
      const cohortId = params.cohortId!;
      const access = await http.accessOf(caller.userId);
      if (!maySeeAggregates(access, cohortId)) throw AppError.notFound('No cohort has that id');
      return { body: await results.report(cohortId) };
    }),
  );

  server.get(
    '/api/me/surveys',
    authedRoute(http, async ({ caller }) => {
      const mine = await surveys.mine(caller.userId);
      const body: MySurveys = {
        surveys: mine.surveys.map((s) =>
          s.response ? { ...s, response: { ...s.response, etag: httpEtag(s.response.etag) } } : s,
        ),
      };
      return { body };
    }),
  );

  server.put(
    '/api/me/surveys/:cohortId/:survey',
    authedRoute(http, async ({ req, params, caller }) => {
      const parsed = saveSurveyAnswersSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const given = parsed.data.etag;
      const stored = given === undefined ? undefined : storedEtagOf(given);
      if (given !== undefined && stored === undefined) {
        throw AppError.invalidFields([
          { field: 'etag', message: 'must be the etag you last read, exactly as it was given' },
        ]);
      }
      const { etag: _omit, ...rest } = parsed.data;
      const input = stored === undefined ? rest : { ...rest, etag: stored };
      const saved = await surveys.save(caller.userId, params.cohortId!, params.survey!, input);
      return withEtag(saved);
    }),
  );
}
