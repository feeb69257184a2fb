import type { ApiClient } from '../app/api-client';
import type { CohortReach, InstallAnswer } from '../../../bot/src/contracts/reach';

/** The coordinator's calls about reach: who the bot cannot message yet, and installing the app. */

const cohortPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}`;

export function getReach(client: ApiClient, cohortId: string): Promise<CohortReach> {
  return client.request<CohortReach>(`${cohortPath(cohortId)}/reach`);
}

export function installAppFor(
  client: ApiClient,
  cohortId: string,
  participantId: string,
): Promise<InstallAnswer> {
  return client.request<InstallAnswer>(
    `${cohortPath(cohortId)}/participants/${encodeURIComponent(participantId)}/install-app`,
    { method: 'POST' },
  );
}

export function installAppForEveryone(client: ApiClient, cohortId: string): Promise<InstallAnswer> {
  return client.request<InstallAnswer>(`${cohortPath(cohortId)}/reach/install-app`, {
    method: 'POST',
  });
}
