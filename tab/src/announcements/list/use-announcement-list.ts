import { useState } from 'react';
import type { ApiClient } from '../../app/api-client';
import type { Announcement, DeliveryCounts } from '../../../../bot/src/contracts/announcements';
import { useApiLoad } from '../../shared/use-api-load';
import { getReportCounts, listAnnouncements } from '../announcement-api';

/** Delivery counts are read for this many of the newest announcements in the list. */
const COUNTS_FOR = 10;
/** Counts read at once. */
const COUNTS_AT_ONCE = 3;

/**
 * The cohort's recent announcements, read while the list is shown (`enabled`), and how far
 * each of the newest got, a few at a time.
 */
export function useAnnouncementList(
  client: ApiClient,
  cohortId: string,
  enabled: boolean,
  onSignInExpired?: () => void,
) {
  const [counts, setCounts] = useState<Record<string, DeliveryCounts>>({});
  const [load, setLoad, retry] = useApiLoad<Announcement[]>(
    () => listAnnouncements(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    {
      enabled,
      keepWhileReloading: true,
      onLoaded: (data, isCurrent) => {
        const wanted = data
          .filter((a) => a.status !== 'scheduled' || a.recipientCount !== null)
          .slice(0, COUNTS_FOR);
        void (async () => {
          for (let i = 0; i < wanted.length && isCurrent(); i += COUNTS_AT_ONCE) {
            const batch = wanted.slice(i, i + COUNTS_AT_ONCE);
            const results = await Promise.allSettled(
              batch.map((a) => getReportCounts(client, cohortId, a.id)),
            );
            if (!isCurrent()) return;
            setCounts((current) => {
              const next = { ...current };
              results.forEach((r, j) => {
                const id = batch[j]?.id;
                if (id && r.status === 'fulfilled') next[id] = r.value;
              });
              return next;
            });
          }
        })();
      },
    },
  );
  return { load, setLoad, retry, counts, setCounts };
}
