import type { ApiClient } from '../app/api-client';
import type { EvaluationPlanInput } from '../../../bot/src/contracts/evaluation';
import type {
  EvaluationPlanDetail,
  MyResponse,
  MySurveys,
  SaveSurveyAnswers,
} from '../../../bot/src/contracts/evaluation-api';

/** The tab's evaluation calls: a person's own open surveys, and a cohort's plan. */

const planPath = (cohortId: string) =>
  `/api/cohorts/${encodeURIComponent(cohortId)}/evaluation/plan`;

export function evaluationApi(client: ApiClient) {
  return {
    mySurveys: () => client.request<MySurveys>('/api/me/surveys'),
    /** The ETag travels in the body (`etag`), left out for the first save; 412 when it changed. */
    saveAnswers: (cohortId: string, survey: string, body: SaveSurveyAnswers) =>
      client.request<MyResponse>(
        `/api/me/surveys/${encodeURIComponent(cohortId)}/${encodeURIComponent(survey)}`,
        { method: 'PUT', body },
      ),
    plan: (cohortId: string) => client.request<EvaluationPlanDetail>(planPath(cohortId)),
    /** No If-Match before the first save; then the ETag last read (412 when it changed). */
    savePlan: (cohortId: string, plan: EvaluationPlanInput, etag: string | undefined) =>
      client.request<EvaluationPlanDetail>(planPath(cohortId), {
        method: 'PUT',
        body: plan,
        ifMatch: etag,
      }),
  };
}

export type EvaluationApi = ReturnType<typeof evaluationApi>;
