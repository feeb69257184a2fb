import type { ApiClient } from '../app/api-client';
import type {
  ApplicationDraft,
  MyApplication,
  MySensitiveAnswers,
  NextCohortInterest,
  OpenApplications,
  SensitiveAnswers,
} from '../../../bot/src/contracts/applications';

/** The applicant's calls: cohorts open now, their own application, its draft and answers. */

const minePath = (cohortId: string) =>
  `/api/cohorts/${encodeURIComponent(cohortId)}/applications/mine`;

export function applyApi(client: ApiClient) {
  return {
    openCohorts: () => client.request<OpenApplications>('/api/applications/open'),
    mine: (cohortId: string) => client.request<MyApplication>(minePath(cohortId)),
    /** No If-Match before the first save; then the ETag last read (412 when it changed). */
    saveDraft: (cohortId: string, draft: ApplicationDraft, etag: string | undefined) =>
      client.request<MyApplication>(`${minePath(cohortId)}/draft`, {
        method: 'PUT',
        body: draft,
        ifMatch: etag,
      }),
    submit: (cohortId: string, draft: ApplicationDraft, etag: string | undefined) =>
      client.request<MyApplication>(`${minePath(cohortId)}/submit`, {
        method: 'POST',
        body: draft,
        ifMatch: etag,
      }),
    withdraw: (cohortId: string) =>
      client.request<MyApplication>(`${minePath(cohortId)}/withdraw`, {
        method: 'POST',
        body: {},
      }),
    saveSensitive: (cohortId: string, answers: SensitiveAnswers) =>
      client.request<MySensitiveAnswers>(`${minePath(cohortId)}/sensitive`, {
        method: 'PUT',
        body: answers,
      }),
    deleteSensitive: (cohortId: string) =>
      client.request<MySensitiveAnswers>(`${minePath(cohortId)}/sensitive`, {
        method: 'DELETE',
      }),
    nextCohort: (cohortId: string, interested: boolean) =>
      client.request<NextCohortInterest>(
        `/api/cohorts/${encodeURIComponent(cohortId)}/next-cohort-interest`,
        { method: interested ? 'POST' : 'DELETE' },
      ),
  };
}

export type ApplyApi = ReturnType<typeof applyApi>;
