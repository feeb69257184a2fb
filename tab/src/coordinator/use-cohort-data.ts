import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../app/api-client';
import { getHealth, getLinks, getParticipants } from './coordinator-api';
import { getCohortDetail, getPairs } from './admin-api';
import { notReachableById } from './reach-section';
import { getReach } from './reach-api';
import { CHANGE_DIALOG_CLOSE_MS } from './change-dialog';
import { useApiLoad } from '../shared/use-api-load';

/**
 * What the coordinator's view of one cohort reads: the cohort, its pairs' health, participants,
 * pairs, who the bot cannot reach and (while that tab is open) the sign-in links, with the
 * reloads the view's changes call.
 */
export function useCohortData(
  client: ApiClient,
  cohortId: string,
  onSignInExpired: (() => void) | undefined,
  linksOpen: boolean,
) {
  const [cohortLoad, , retryCohort] = useApiLoad(
    () => getCohortDetail(client, cohortId),
    [client, cohortId],
    onSignInExpired,
  );
  const [healthLoad, , retryHealth] = useApiLoad(
    () => getHealth(client, cohortId),
    [client, cohortId],
    onSignInExpired,
  );
  const [peopleLoad, , retryPeople] = useApiLoad(
    () => getParticipants(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    { keepWhileReloading: true },
  );
  const [pairsLoad, , retryPairs] = useApiLoad(
    () => getPairs(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    { keepWhileReloading: true },
  );

  const [reachLoad, , retryReach] = useApiLoad(
    () => getReach(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    { keepWhileReloading: true },
  );
  const unreached = useMemo(() => notReachableById(reachLoad), [reachLoad]);
  const reachChanged = useCallback(() => {
    retryReach();
    retryHealth();
  }, [retryReach, retryHealth]);

  const [linksLoad, , retryLinks] = useApiLoad(
    () => getLinks(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    { enabled: linksOpen, keepWhileReloading: true },
  );

  const reload = useCallback(() => {
    retryHealth();
    retryPeople();
    retryPairs();
    retryLinks();
    retryReach();
  }, [retryHealth, retryPeople, retryPairs, retryLinks, retryReach]);

  // After a change made in a dialog: read again once the dialog has closed. Reading at once
  // would take away the row (and the dialog with it) while Fluent still holds the rest of the
  // page aria-hidden for the open dialog, leaving the page silent to screen readers.
  const reloadAfterDialog = useCallback(() => {
    window.setTimeout(reload, CHANGE_DIALOG_CLOSE_MS + 100);
  }, [reload]);

  // The cohort's own settings changed (in a dialog): read it again once the dialog has closed.
  const reloadCohortAfterDialog = useCallback(() => {
    window.setTimeout(retryCohort, CHANGE_DIALOG_CLOSE_MS + 100);
  }, [retryCohort]);

  // When the cohort itself could not be read, the other two most likely failed with it.
  const retryAll = useCallback(() => {
    retryCohort();
    reload();
  }, [retryCohort, reload]);

  return {
    cohortLoad,
    reloadCohortAfterDialog,
    healthLoad,
    retryHealth,
    peopleLoad,
    retryPeople,
    pairsLoad,
    retryPairs,
    reachLoad,
    unreached,
    reachChanged,
    linksLoad,
    retryLinks,
    reload,
    reloadAfterDialog,
    retryAll,
  };
}
