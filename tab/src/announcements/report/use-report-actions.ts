import { useRef, useState } from 'react';
import type { Dispatch, KeyboardEvent, RefObject, SetStateAction } from 'react';
import type { ApiClient } from '../../app/api-client';
import type { AnnouncementReport } from '../../../../bot/src/contracts/announcements';
import { downloadCsv, plural } from '../../coordinator/coordinator-api';
import type { LoadState } from '../../shared/use-api-load';
import { describeFailure } from '../../shared/use-form-submit';
import { cancelAnnouncement, getReportCsv, resendUnconfirmed } from '../announcement-api';
import { reportCsvFilename } from '../announcement-words';

interface ActionOptions {
  client: ApiClient;
  cohortId: string;
  announcementId: string;
  report: AnnouncementReport | undefined;
  setLoad: Dispatch<SetStateAction<LoadState<AnnouncementReport>>>;
  refresh: () => void;
  /** Where the cursor goes once a send is cancelled. */
  headingRef: RefObject<HTMLHeadingElement>;
}

export type ReportBusy = 'cancel' | 'resend' | 'export' | null;

/**
 * What the coordinator can do from the report: cancel (after saying yes), resend to the
 * unconfirmed, export the CSV; and what came of it, for the status line.
 */
export function useReportActions({
  client,
  cohortId,
  announcementId,
  report,
  setLoad,
  refresh,
  headingRef,
}: ActionOptions) {
  const confirmRef = useRef<HTMLDivElement>(null);
  const cancelButtonRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<ReportBusy>(null);
  const [actionNote, setActionNote] = useState<{ ok: boolean; text: string } | null>(null);

  async function cancel() {
    setBusy('cancel');
    setActionNote(null);
    try {
      const cancelled = await cancelAnnouncement(client, cohortId, announcementId);
      setConfirming(false);
      setActionNote({
        ok: true,
        text:
          report?.announcement.status === 'scheduled'
            ? 'Cancelled. Nobody will get it.'
            : 'Sending stopped. Those who already had it keep it; nobody else will get it.',
      });
      setLoad((current) =>
        current.status === 'loaded'
          ? { status: 'loaded', data: { ...current.data, announcement: cancelled } }
          : current,
      );
      refresh();
      headingRef.current?.focus();
    } catch (error) {
      setActionNote({ ok: false, text: `We couldn't cancel it. ${describeFailure(error)}` });
    } finally {
      setBusy(null);
    }
  }

  async function resend() {
    setBusy('resend');
    setActionNote(null);
    try {
      const queued = await resendUnconfirmed(client, cohortId, announcementId);
      setActionNote({
        ok: true,
        text:
          queued === 0
            ? 'Nobody was waiting for a second try.'
            : `Sending again to ${plural(queued, 'person', 'people')}.`,
      });
      refresh();
    } catch (error) {
      setActionNote({ ok: false, text: `We couldn't send it again. ${describeFailure(error)}` });
    } finally {
      setBusy(null);
    }
  }

  async function exportCsv() {
    if (!report) return;
    setBusy('export');
    setActionNote(null);
    setActionNote(
      await downloadCsv(
        () => getReportCsv(client, cohortId, announcementId),
        reportCsvFilename(report.announcement.title),
        'the report',
      ),
    );
    setBusy(null);
  }

  function askToCancel() {
    setConfirming(true);
    setActionNote(null);
    window.setTimeout(() => confirmRef.current?.focus(), 0);
  }

  function keepSending() {
    setConfirming(false);
    window.setTimeout(() => cancelButtonRef.current?.focus(), 0);
  }

  function onConfirmKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      keepSending();
    }
  }

  return {
    confirmRef,
    cancelButtonRef,
    confirming,
    busy,
    actionNote,
    cancel,
    resend,
    exportCsv,
    askToCancel,
    keepSending,
    onConfirmKey,
  };
}
