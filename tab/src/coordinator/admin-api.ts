import type { ApiClient } from '../app/api-client';
import type {
  CohortChange,
  CohortClosed,
  CohortDetail,
  NewCohort,
} from '../../../bot/src/contracts/cohort-admin';
import type {
  CohortParticipant,
  CohortSummary,
  PairStateView,
} from '../../../bot/src/contracts/cohorts';
import type {
  NewPair,
  NewParticipant,
  PairChanged,
  PairMade,
  ParticipantChange,
  PausePair,
  PersonChanged,
} from '../../../bot/src/contracts/people';

/**
 * The programme team's changes to a cohort, its people and its pairs. Every change of an
 * existing record sends the ETag it was read with; a 409 or 412 (ApiRequestError) means
 * someone else changed it first, and nothing was saved.
 */

const cohortPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}`;
const personPath = (cohortId: string, participantId: string) =>
  `${cohortPath(cohortId)}/participants/${encodeURIComponent(participantId)}`;
const pairPath = (cohortId: string, pairId: string) =>
  `${cohortPath(cohortId)}/pairs/${encodeURIComponent(pairId)}`;

export function getCohortDetail(client: ApiClient, cohortId: string): Promise<CohortDetail> {
  return client.request<CohortDetail>(cohortPath(cohortId));
}

/** The cohorts the caller runs (archived ones too when asked). */
export async function listCohorts(client: ApiClient, archived = false): Promise<CohortSummary[]> {
  const answer = await client.request<{ cohorts: CohortSummary[] }>(
    `/api/cohorts${archived ? '?archived=include' : ''}`,
  );
  return answer.cohorts;
}

export function createCohort(client: ApiClient, input: NewCohort): Promise<CohortSummary> {
  return client.request<CohortSummary>('/api/cohorts', { method: 'POST', body: input });
}

export function updateCohort(
  client: ApiClient,
  cohortId: string,
  etag: string,
  input: CohortChange,
): Promise<CohortDetail> {
  return client.request<CohortDetail>(cohortPath(cohortId), {
    method: 'PUT',
    body: input,
    ifMatch: etag,
  });
}

export function closeCohort(
  client: ApiClient,
  cohortId: string,
  etag: string,
  reason: string,
): Promise<CohortClosed> {
  return client.request<CohortClosed>(`${cohortPath(cohortId)}/close`, {
    method: 'POST',
    body: reason.trim() ? { reason } : {},
    ifMatch: etag,
  });
}

export function archiveCohort(client: ApiClient, cohortId: string, etag: string) {
  return client.request<CohortDetail>(`${cohortPath(cohortId)}/archive`, {
    method: 'POST',
    ifMatch: etag,
  });
}

export function addParticipant(client: ApiClient, cohortId: string, input: NewParticipant) {
  return client.request<CohortParticipant>(`${cohortPath(cohortId)}/participants`, {
    method: 'POST',
    body: input,
  });
}

export function editParticipant(
  client: ApiClient,
  cohortId: string,
  participantId: string,
  etag: string,
  input: ParticipantChange,
) {
  return client.request<CohortParticipant>(personPath(cohortId, participantId), {
    method: 'PUT',
    body: input,
    ifMatch: etag,
  });
}

export function removeParticipant(
  client: ApiClient,
  cohortId: string,
  participantId: string,
  etag: string,
  reason: string,
) {
  return client.request<PersonChanged>(personPath(cohortId, participantId), {
    method: 'DELETE',
    body: reason.trim() ? { reason } : {},
    ifMatch: etag,
  });
}

export function moveParticipant(
  client: ApiClient,
  cohortId: string,
  participantId: string,
  etag: string,
  toCohortId: string,
) {
  return client.request<PersonChanged>(`${personPath(cohortId, participantId)}/move`, {
    method: 'POST',
    body: { toCohortId },
    ifMatch: etag,
  });
}

export async function getPairs(client: ApiClient, cohortId: string): Promise<PairStateView[]> {
  return (await client.request<{ pairs: PairStateView[] }>(`${cohortPath(cohortId)}/pairs`)).pairs;
}

export function makePair(client: ApiClient, cohortId: string, input: NewPair) {
  return client.request<PairMade>(`${cohortPath(cohortId)}/pairs`, { method: 'POST', body: input });
}

export type PairVerb = 'pause' | 'resume' | 'end';

export function changePair(
  client: ApiClient,
  cohortId: string,
  pairId: string,
  etag: string,
  verb: PairVerb,
  body: Partial<PausePair>,
) {
  return client.request<PairChanged>(`${pairPath(cohortId, pairId)}/${verb}`, {
    method: 'POST',
    body,
    ifMatch: etag,
  });
}
