import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  FILTERS,
  FILTER_WORDS,
  RECIPIENT_WORDS,
  cancelAnnouncement,
  describeAudience,
  describeKind,
  describeStatus,
  formatShort,
  getReport,
  getReportCsv,
  isUnderway,
  matchesFilter,
  reportCsvFilename,
  resendUnconfirmed,
} from './announcement-api';
import type {
  Announcement,
  AnnouncementReport,
  AnnouncementRecipient,
  DeliveryCounts,
  RecipientFilter,
  RecipientStatus,
} from './announcement-api';
import { FormattedText } from './announcement-preview';
import { downloadCsv, plural } from '../coordinator/coordinator-api';
import {
  ActionStatus,
  CountTiles,
  RowHeader,
  ScrollTable,
  TableFilter,
  useTableStyles,
} from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { loadFailure } from '../shared/use-api-load';
import type { LoadState } from '../shared/use-api-load';
import { describeFailure } from '../shared/use-form-submit';
import { BackButton, FocusHeading } from '../shared/view-header';

/** People shown in the report's table before "Show more". */
const ROWS_PER_PAGE = 200;

/** How often the report is read again while it is sending or waiting to send. */
export const POLL_MS = 2000;

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  subheading: { margin: 0 },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  message: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  confirm: { ':focus': { outlineStyle: 'none' } },
  reason: { minWidth: '220px' },
});

const statusColour: Record<
  RecipientStatus,
  'success' | 'danger' | 'warning' | 'informative' | 'subtle'
> = {
  queued: 'informative',
  sending: 'informative',
  sent: 'success',
  blocked: 'danger',
  failed: 'danger',
  unconfirmed: 'warning',
  cancelled: 'subtle',
};

/** The tiles above the table, in the order people read them. */
const TILES: { key: string; label: string; value: (c: DeliveryCounts) => number; bad?: boolean }[] =
  [
    { key: 'sent', label: 'Sent', value: (c) => c.sent },
    { key: 'read', label: 'Read (“Got it”)', value: (c) => c.acknowledged },
    { key: 'waiting', label: 'Waiting to send', value: (c) => c.queued + c.sending },
    { key: 'blocked', label: 'Blocked the app', value: (c) => c.blocked, bad: true },
    { key: 'failed', label: 'Not delivered', value: (c) => c.failed, bad: true },
    { key: 'unconfirmed', label: 'Not confirmed', value: (c) => c.unconfirmed, bad: true },
    { key: 'cancelled', label: 'Cancelled', value: (c) => c.cancelled },
  ];

/** One sentence for the live region when the state of a send changes. */
export function outcomeWords(report: AnnouncementReport, counts: DeliveryCounts): string {
  const { announcement: a } = report;
  const title = `“${a.title}”`;
  if (a.status === 'scheduled') return `${title} is ${describeStatus(a).toLowerCase()}.`;
  if (isUnderway(report)) {
    return a.status === 'cancelled'
      ? `Stopping ${title}.`
      : `Sending ${title} to ${plural(counts.total, 'person', 'people')}.`;
  }
  const parts = [`${counts.sent} sent`];
  if (counts.failed > 0) parts.push(`${counts.failed} not delivered`);
  if (counts.blocked > 0) parts.push(`${counts.blocked} blocked the app`);
  if (counts.unconfirmed > 0) parts.push(`${counts.unconfirmed} not confirmed`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled} cancelled`);
  if (a.status === 'cancelled' && counts.total === 0)
    return `${title} is cancelled. Nobody got it.`;
  return `${a.status === 'cancelled' ? 'Stopped' : 'Finished sending'} ${title}: ${parts.join(', ')}.`;
}

function RecipientRow({ r }: { r: AnnouncementRecipient }) {
  const t = useTableStyles();
  const styles = useStyles();
  return (
    <tr data-testid="recipient-row" data-status={r.status}>
      <RowHeader testId="recipient-name">{r.displayName}</RowHeader>
      <td className={mergeClasses(t.td, t.nowrap)}>
        <Badge
          appearance="tint"
          shape="rounded"
          color={statusColour[r.status] ?? 'informative'}
          data-testid="recipient-status"
        >
          {RECIPIENT_WORDS[r.status] ?? r.status}
        </Badge>
      </td>
      <td className={mergeClasses(t.td, styles.reason)} data-testid="recipient-reason">
        {r.reason ?? <span className={t.muted}>None</span>}
      </td>
      <td className={mergeClasses(t.td, t.nowrap)} data-testid="recipient-sent">
        {r.sentAt ? formatShort(r.sentAt) : <span className={t.muted}>Not sent</span>}
      </td>
      <td className={mergeClasses(t.td, t.nowrap)} data-testid="recipient-read">
        {r.acknowledgedAt ? (
          formatShort(r.acknowledgedAt)
        ) : (
          <span className={t.muted}>Not yet</span>
        )}
      </td>
    </tr>
  );
}

interface ReportProps {
  client: ApiClient;
  cohortId: string;
  announcementId: string;
  /** The list's copy, shown while the report loads. */
  initial?: Announcement;
  /** False while another section of the cohort is shown: reading the report pauses. */
  active: boolean;
  onBack: () => void;
  /** Says something to screen reader users through the section's live region. */
  announce: (message: string) => void;
  /** Each fresh reading, so the list shows the same state when people go back to it. */
  onUpdate?: (announcement: Announcement, counts: DeliveryCounts) => void;
  onSignInExpired?: () => void;
}

/** Who an announcement reached, who read it, and why some did not get it. */
export function AnnouncementReportView({
  client,
  cohortId,
  announcementId,
  initial,
  active,
  onBack,
  announce,
  onUpdate,
  onSignInExpired,
}: ReportProps) {
  const styles = useStyles();
  const t = useTableStyles();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const cancelButtonRef = useRef<HTMLButtonElement>(null);
  const [load, setLoad] = useState<LoadState<AnnouncementReport>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [tick, setTick] = useState(0);
  const [refreshProblem, setRefreshProblem] = useState<string | undefined>();
  const [filter, setFilter] = useState<RecipientFilter>('all');
  // A large send has thousands of people: the table shows them a page at a time.
  const [rowLimit, setRowLimit] = useState(ROWS_PER_PAGE);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'cancel' | 'resend' | 'export' | null>(null);
  const [actionNote, setActionNote] = useState<{ ok: boolean; text: string } | null>(null);
  const lastWords = useRef<string | null>(null);
  /** Whether a report has been shown, so a failed refresh keeps it rather than replacing it. */
  const shownRef = useRef(false);

  // Read the report; read again every two seconds while it is sending or due to send.
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

  const report = load.status === 'loaded' ? load.data : undefined;
  const recipients = useMemo(
    () =>
      [...(report?.recipients ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [report],
  );

  // Tell screen reader users when the send moves on (not on every refresh of the numbers).
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

  const retry = useCallback(() => {
    shownRef.current = false;
    setLoad({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const refresh = useCallback(() => setTick((n) => n + 1), []);

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

  const back = (
    <BackButton label="All announcements" onBack={onBack} testId="announcement-report-back" />
  );

  const a = report?.announcement ?? initial;
  const heading = (
    <FocusHeading
      as="h3"
      id={headingId}
      headingRef={headingRef}
      testId="announcement-report-heading"
    >
      {a ? `Delivery report: ${a.title}` : 'Delivery report'}
    </FocusHeading>
  );

  if (load.status === 'loading' || !report || !a) {
    return (
      <section className={styles.stack} aria-labelledby={headingId}>
        {back}
        {heading}
        {load.status === 'failed' ? (
          <Problem
            title={
              load.error.status === 404
                ? "We couldn't find this announcement"
                : "We couldn't load the delivery report"
            }
            message={load.error.status === 404 ? 'It may have been removed.' : load.error.message}
            onRetry={load.error.status === 404 ? undefined : retry}
            testId="announcement-report-error"
          />
        ) : (
          <Loading label="Loading the delivery report…" testId="announcement-report-loading" />
        )}
      </section>
    );
  }

  const { counts } = report;
  const underway = isUnderway(report);
  const canCancel = a.status === 'scheduled' || a.status === 'sending';
  const done = counts.total - counts.queued - counts.sending;
  const shown = recipients.filter((r) => matchesFilter(r, filter));
  const filterCount = (f: RecipientFilter) => recipients.filter((r) => matchesFilter(r, f)).length;

  return (
    <section
      className={styles.stack}
      aria-labelledby={headingId}
      data-testid="announcement-report"
      data-status={a.status}
      data-underway={underway ? 'true' : 'false'}
    >
      {back}
      {heading}
      <div className={styles.meta}>
        <Badge appearance="outline" shape="rounded" color="informative">
          {describeKind(a.kind)}
        </Badge>
        <Text data-testid="announcement-report-status" weight="semibold">
          {describeStatus(a)}
        </Text>
      </div>
      <Text className={styles.muted}>
        {[
          describeAudience(a),
          `By ${a.createdByName}`,
          a.alsoInChannel ? 'Also in the programme channel' : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>

      {a.status === 'scheduled' && (
        <Text data-testid="announcement-report-scheduled">
          It goes out {describeStatus(a).replace(/^Scheduled for /, 'on ')}, to everyone in the
          audience at that time. You can cancel it until then.
        </Text>
      )}

      {underway && a.status !== 'scheduled' && counts.total > 0 && (
        <Field
          label={a.status === 'cancelled' ? 'Stopping' : 'Progress'}
          validationState="none"
          validationMessage={`${done} of ${plural(counts.total, 'person', 'people')} done`}
          data-testid="announcement-progress"
        >
          <ProgressBar value={counts.total === 0 ? 0 : done / counts.total} thickness="large" />
        </Field>
      )}
      {underway && a.status === 'sending' && counts.total === 0 && (
        <Loading label="Working out who it goes to…" />
      )}

      {refreshProblem && (
        <MessageBar intent="warning" layout="multiline" data-testid="announcement-report-stale">
          <MessageBarBody>
            <MessageBarTitle>These numbers may be out of date</MessageBarTitle>
            We couldn&apos;t read the latest: {refreshProblem} We&apos;ll keep trying.
          </MessageBarBody>
        </MessageBar>
      )}

      {counts.total > 0 && (
        <CountTiles
          label="Delivery counts"
          tiles={TILES.map((tile) => {
            const value = tile.value(counts);
            return { key: tile.key, label: tile.label, value, attention: tile.bad && value > 0 };
          })}
          minTileWidth={120}
          testId="announcement-count"
        />
      )}

      <div className={styles.actions}>
        {counts.total > 0 && (
          <Button
            onClick={() => void exportCsv()}
            disabled={busy !== null}
            data-testid="announcement-export"
          >
            {busy === 'export' ? 'Exporting…' : 'Export CSV'}
          </Button>
        )}
        {canCancel && !confirming && (
          <Button
            ref={cancelButtonRef}
            onClick={askToCancel}
            disabled={busy !== null}
            data-testid="announcement-cancel"
          >
            Cancel sending
          </Button>
        )}
        {!underway && (
          <Button appearance="subtle" onClick={refresh} data-testid="announcement-refresh">
            Refresh
          </Button>
        )}
      </div>

      {confirming && canCancel && (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby={`${headingId}-confirm`}
          onKeyDown={onConfirmKey}
          className={styles.confirm}
          data-testid="announcement-cancel-confirm"
        >
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id={`${headingId}-confirm`}>
                {a.status === 'scheduled' ? 'Cancel this announcement?' : 'Stop sending?'}
              </MessageBarTitle>
              {a.status === 'scheduled'
                ? 'Nobody will get it. You can write it again later.'
                : `Nobody still waiting will get it. ${plural(counts.sent, 'person', 'people')} who already ${counts.sent === 1 ? 'has' : 'have'} it ${counts.sent === 1 ? 'keeps' : 'keep'} it.`}
            </MessageBarBody>
            <MessageBarActions>
              <Button
                appearance="primary"
                onClick={() => void cancel()}
                disabled={busy !== null}
                data-testid="announcement-cancel-yes"
              >
                {busy === 'cancel'
                  ? 'Cancelling…'
                  : a.status === 'scheduled'
                    ? 'Yes, cancel it'
                    : 'Yes, stop sending'}
              </Button>
              <Button
                onClick={keepSending}
                disabled={busy !== null}
                data-testid="announcement-cancel-no"
              >
                {a.status === 'scheduled' ? 'Keep it scheduled' : 'Keep sending'}
              </Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}

      {counts.unconfirmed > 0 && !underway && a.status !== 'cancelled' && (
        <MessageBar intent="warning" layout="multiline" data-testid="announcement-unconfirmed">
          <MessageBarBody>
            <MessageBarTitle>
              We can&apos;t tell whether {plural(counts.unconfirmed, 'person', 'people')} got it
            </MessageBarTitle>
            The server sending it stopped before Teams answered, so it may or may not have arrived.
            Sending again reaches those who didn&apos;t get it, but some may get a second copy.
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => void resend()}
              disabled={busy !== null}
              data-testid="announcement-resend"
            >
              {busy === 'resend' ? 'Sending…' : `Resend to ${counts.unconfirmed} unconfirmed`}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <ActionStatus note={actionNote} testId="announcement-action-status" />

      <details>
        <summary>
          <Text weight="semibold">The message</Text>
        </summary>
        <div className={styles.message}>
          <FormattedText text={a.text} />
          {a.link && (
            <Text size={200} className={styles.muted}>
              Button “{a.link.label}” opens {a.link.url}
            </Text>
          )}
        </div>
      </details>

      <Text as="h4" size={400} weight="semibold" className={styles.subheading}>
        {a.status === 'scheduled' ? 'Who it goes to' : 'Who it went to'}
      </Text>
      {recipients.length === 0 ? (
        <Text className={styles.muted} data-testid="announcement-recipients-empty">
          {a.status === 'scheduled'
            ? 'People are listed here once it starts sending.'
            : a.status === 'cancelled'
              ? 'It was cancelled before it went to anyone.'
              : 'Nobody yet.'}
        </Text>
      ) : (
        <>
          <div className={t.tools}>
            <TableFilter
              label="Show"
              value={filter}
              options={FILTERS.map((f) => ({
                value: f,
                label: `${FILTER_WORDS[f]} (${filterCount(f)})`,
              }))}
              onChange={(f) => {
                setFilter(f);
                setRowLimit(ROWS_PER_PAGE);
              }}
              testId="announcement-recipient-filter"
            />
          </div>
          {shown.length === 0 ? (
            <Text className={styles.muted} data-testid="announcement-recipients-filter-empty">
              Nobody is “{FILTER_WORDS[filter]}”.
            </Text>
          ) : (
            <ScrollTable
              caption={`Recipients${filter === 'all' ? '' : `: ${FILTER_WORDS[filter]} only`}, ${plural(shown.length, 'person', 'people')}`}
              columns={['Name', 'Status', 'Reason', 'Sent', 'Read']}
              minWidth={760}
              testId="announcement-recipients"
            >
              {shown.slice(0, rowLimit).map((r) => (
                <RecipientRow key={r.participantId} r={r} />
              ))}
            </ScrollTable>
          )}
          {shown.length > rowLimit && (
            <div className={t.tools}>
              <Text className={styles.muted} data-testid="announcement-recipients-shown">
                Showing {rowLimit.toLocaleString('en-GB')} of{' '}
                {plural(shown.length, 'person', 'people')}.
              </Text>
              <Button
                appearance="secondary"
                onClick={() => setRowLimit((n) => n + ROWS_PER_PAGE)}
                data-testid="announcement-recipients-more"
              >
                Show {Math.min(ROWS_PER_PAGE, shown.length - rowLimit).toLocaleString('en-GB')} more
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
