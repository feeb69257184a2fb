import type { InsightBoard } from '../../../bot/src/contracts/insights';
import type { ApiClient } from '../app/api-client';

/** `GET /api/cohorts/{id}/insights/board`: the published insights by theme, no names. */
export function loadInsightBoard(client: ApiClient, cohortId: string): Promise<InsightBoard> {
  return client.request<InsightBoard>(
    `/api/cohorts/${encodeURIComponent(cohortId)}/insights/board`,
  );
}
