import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import type { ApiClient } from '../../app/api-client';
import type {
  Announcement,
  AnnouncementReport,
  DeliveryCounts,
} from '../../../../bot/src/contracts/announcements';
import { loadFailure } from '../../shared/use-api-load';
import type { LoadState } from '../../shared/use-api-load';
import { getReport } from '../announcement-api';
import { isUnderway } from '../announcement-words';
import { outcomeWords } from './report-words';

/** How often the report is read again while it is sending or waiting to send. */
export const POLL_MS = 2000;

interface PollingOptions {
  client: ApiClient;
  cohortId: string;
  announcementId: string;
  /** False while another section of the cohort is shown: reading pauses. */
  active: boolean;
  /** Each fresh reading, so the list shows the same state when people go back to it. */
  onUpdate?: (announcement: Announcement, counts: DeliveryCounts) => void;
  onSignInExpired?: () => void;
}

export interface ReportPolling {
  load: LoadState<AnnouncementReport>;
  setLoad: Dispatch<SetStateAction<LoadState<AnnouncementReport>>>;
  /** Set when a refresh failed: the numbers shown may be out of date. */
  refreshProblem?: string;
  /** Reads again from scratch (after a failed first read). */
  retry: () => void;
  /** Reads again now, keeping what is shown. */
  refresh: () => void;
}

/**
 * The delivery report, read when shown and again every two seconds while it is sending or due
 * to send. A failed refresh keeps what was shown and says it may be out of date.
 */
export function useReportPolling({
  client,
  cohortId,
  announcementId,
  active,
  onUpdate,
  onSignInExpired,
}: PollingOptions): ReportPolling {
  const [load, setLoad] = useState<LoadState<AnnouncementReport>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [tick, setTick] = useState(0);
  const [refreshProblem, setRefreshProblem] = useState<string | undefined>();
  /** Whether a report has been shown, so a failed refresh keeps it rather than replacing it. */
  const shownRef = useRef(false);

  useEffect(() => {
    if (!active) return;
    let live = true;
    let timer: number | undefined;
    getReport(client, cohortId, announcementId).then(
      (data) => {
        if (!live) return;
        shownRef.current = true;
        setLoad({ status: 'loaded', data });
        onUpdate?.(data.announcement, data.counts);
        setRefreshProblem(undefined);
        if (isUnderway(data)) timer = window.setTimeout(() => setTick((n) => n + 1), POLL_MS);
      },
      (error: unknown) => {
        if (!live) return;
        const failure = loadFailure(error, onSignInExpired);
        if (!failure) return;
        if (shownRef.current) {
          // Keep what was shown; say it may be out of date and try again a little later.
          setRefreshProblem(failure.message);
          timer = window.setTimeout(() => setTick((n) => n + 1), POLL_MS * 2);
        } else {
          setLoad({ status: 'failed', error: failure });
        }
      },
    );
    return () => {
      live = false;
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [client, cohortId, announcementId, active, attempt, tick, onUpdate, onSignInExpired]);

  const retry = useCallback(() => {
    shownRef.current = false;
    setLoad({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const refresh = useCallback(() => setTick((n) => n + 1), []);

  return { load, setLoad, refreshProblem, retry, refresh };
}

/** Tells screen reader users when the send moves on (not on every refresh of the numbers). */
export function useStageAnnouncement(
  report: AnnouncementReport | undefined,
  announce: (message: string) => void,
): void {
  const lastWords = useRef<string | null>(null);
  const stage = report
    ? `${report.announcement.status}:${isUnderway(report) ? 'open' : 'done'}`
    : null;
  useEffect(() => {
    if (!report || !stage) return;
    if (lastWords.current === null) {
      lastWords.current = stage;
      return;
    }
    if (lastWords.current === stage) return;
    lastWords.current = stage;
    announce(outcomeWords(report, report.counts));
    // Only a change of stage is said; the report and counts are read at that moment.
  }, [stage]);
}
