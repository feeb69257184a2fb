import { ApiRequestError } from '../app/api-client';
import type { ApiClient } from '../app/api-client';
import type {
  MatchingSettings,
  MatchingSettingsView,
  PublishResultView,
  RunKind,
  RunPairRef,
  RunReciprocalPairRef,
  RunSwap,
  RunView,
} from '../../../bot/src/contracts/matching';

/**
 * The coordinator's matching calls for one cohort: settings, runs (drafts) and their edits,
 * publish. Every change of a draft sends the ETag it was read with; a 412 or 409
 * (ApiRequestError) means someone else changed it first, and nothing was saved.
 */

export type PairEdit = 'lock' | 'unlock' | 'remove';

const matchingPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/matching`;
const runPath = (cohortId: string, runId: string) =>
  `${matchingPath(cohortId)}/runs/${encodeURIComponent(runId)}`;

export function getMatchingSettings(
  client: ApiClient,
  cohortId: string,
): Promise<MatchingSettingsView> {
  return client.request<MatchingSettingsView>(`${matchingPath(cohortId)}/settings`);
}

/** The first save sends no ETag (there is none yet); later ones send the one they read. */
export function saveMatchingSettings(
  client: ApiClient,
  cohortId: string,
  etag: string | null,
  settings: MatchingSettings,
): Promise<MatchingSettingsView> {
  return client.request<MatchingSettingsView>(`${matchingPath(cohortId)}/settings`, {
    method: 'PUT',
    body: settings,
    ...(etag ? { ifMatch: etag } : {}),
  });
}

/** The latest run, or null before the cohort's first run. */
export async function getLatestRun(client: ApiClient, cohortId: string): Promise<RunView | null> {
  try {
    return await client.request<RunView>(`${matchingPath(cohortId)}/runs/latest`);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** The last published run (read-only), or null when none was published yet. */
export async function getPublishedRun(
  client: ApiClient,
  cohortId: string,
): Promise<RunView | null> {
  try {
    return await client.request<RunView>(`${matchingPath(cohortId)}/runs/published`);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** A new draft: a run over everyone free to match, or a re-match over those free now. */
export function startRun(client: ApiClient, cohortId: string, kind: RunKind): Promise<RunView> {
  const path = kind === 'rematch' ? 'rematch' : 'runs';
  return client.request<RunView>(`${matchingPath(cohortId)}/${path}`, {
    method: 'POST',
    body: {},
  });
}

/** A reverse pair is named by its mentor and mentee, a reciprocal one by its two partners. */
export function editRunPair(
  client: ApiClient,
  cohortId: string,
  run: Pick<RunView, 'id' | 'etag'>,
  edit: PairEdit,
  pair: RunPairRef | RunReciprocalPairRef,
): Promise<RunView> {
  const body =
    'arrangement' in pair
      ? { arrangement: 'reciprocal', personAId: pair.personAId, personBId: pair.personBId }
      : { mentorId: pair.mentorId, menteeId: pair.menteeId };
  return client.request<RunView>(`${runPath(cohortId, run.id)}/${edit}`, {
    method: 'POST',
    body,
    ifMatch: run.etag,
  });
}

export function swapInRun(
  client: ApiClient,
  cohortId: string,
  run: Pick<RunView, 'id' | 'etag'>,
  swap: RunSwap,
): Promise<RunView> {
  return client.request<RunView>(`${runPath(cohortId, run.id)}/swap`, {
    method: 'POST',
    body: swap,
    ifMatch: run.etag,
  });
}

export function publishRun(
  client: ApiClient,
  cohortId: string,
  run: Pick<RunView, 'id' | 'etag'>,
): Promise<PublishResultView> {
  return client.request<PublishResultView>(`${runPath(cohortId, run.id)}/publish`, {
    method: 'POST',
    body: {},
    ifMatch: run.etag,
  });
}
