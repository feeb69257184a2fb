import type {
  InsightBoard,
  InsightConsent,
  InsightQueue,
  InsightText,
  InsightTheme,
  InsightView,
  MyInsights,
  MyInsightView,
  NewInsight,
} from '../../../bot/src/contracts/insights';
import type { ApiClient } from '../app/api-client';

/** The insights routes the tab calls (docs/api.md, "Insights and testimonials"). */

const cohortPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/insights`;
const minePath = (cohortId: string, id: string) =>
  `/api/me/insights/${encodeURIComponent(cohortId)}/${encodeURIComponent(id)}`;

/** `GET /api/cohorts/{id}/insights/board`: the published insights by theme, no names. */
export function loadInsightBoard(client: ApiClient, cohortId: string): Promise<InsightBoard> {
  return client.request<InsightBoard>(`${cohortPath(cohortId)}/board`);
}

export function loadMyInsights(client: ApiClient): Promise<MyInsights> {
  return client.request<MyInsights>('/api/me/insights');
}

export function writeInsight(client: ApiClient, input: NewInsight): Promise<MyInsightView> {
  return client.request<MyInsightView>('/api/me/insights', { method: 'POST', body: input });
}

export function answerInsight(
  client: ApiClient,
  insight: MyInsightView,
  consent: InsightConsent,
): Promise<MyInsightView> {
  return client.request<MyInsightView>(`${minePath(insight.cohortId, insight.id)}/consent`, {
    method: 'POST',
    body: consent,
    ifMatch: insight.etag,
  });
}

/** `DELETE /api/me/insights/{cohort}/{id}`: an author withdraws it; it is deleted at once. */
export async function withdrawInsight(client: ApiClient, insight: MyInsightView): Promise<void> {
  await client.request<{ withdrawn: true }>(minePath(insight.cohortId, insight.id), {
    method: 'DELETE',
    ifMatch: insight.etag,
  });
}

export function loadInsightQueue(client: ApiClient, cohortId: string): Promise<InsightQueue> {
  return client.request<InsightQueue>(cohortPath(cohortId));
}

export function publishInsight(
  client: ApiClient,
  insight: InsightView,
  theme: InsightTheme,
): Promise<InsightView> {
  return client.request<InsightView>(`${cohortPath(insight.cohortId)}/${insight.id}/publish`, {
    method: 'POST',
    body: { theme },
    ifMatch: insight.etag,
  });
}

export function returnInsight(
  client: ApiClient,
  insight: InsightView,
  note: string,
): Promise<InsightView> {
  return client.request<InsightView>(`${cohortPath(insight.cohortId)}/${insight.id}/return`, {
    method: 'POST',
    body: { note },
    ifMatch: insight.etag,
  });
}

export function editInsight(
  client: ApiClient,
  insight: InsightView,
  text: InsightText,
): Promise<InsightView> {
  return client.request<InsightView>(`${cohortPath(insight.cohortId)}/${insight.id}`, {
    method: 'PUT',
    body: text,
    ifMatch: insight.etag,
  });
}
