import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { Announcement, DeliveryCounts } from '../../../bot/src/contracts/announcements';
import {
  type RecipientFilter,
  describeAudience,
  describeKind,
  describeStatus,
  isUnderway,
} from './announcement-words';
import { CancelConfirm } from './report/cancel-confirm';
import { MessageDetails } from './report/message-details';
import { ROWS_PER_PAGE, RecipientsSection } from './report/recipients-table';
import { TILES } from './report/report-words';
import { UnconfirmedNotice } from './report/unconfirmed-notice';
import { useReportActions } from './report/use-report-actions';
import { useReportPolling, useStageAnnouncement } from './report/use-report-polling';
import { plural } from '../coordinator/coordinator-api';
import { ActionStatus, CountTiles } from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { BackButton, FocusHeading } from '../shared/view-header';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
});

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
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { load, setLoad, refreshProblem, retry, refresh } = useReportPolling({
    client,
    cohortId,
    announcementId,
    active,
    onUpdate,
    onSignInExpired,
  });
  const [filter, setFilter] = useState<RecipientFilter>('all');
  // A large send has thousands of people: the table shows them a page at a time.
  const [rowLimit, setRowLimit] = useState(ROWS_PER_PAGE);

  const report = load.status === 'loaded' ? load.data : undefined;
  const recipients = useMemo(
    () =>
      [...(report?.recipients ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [report],
  );
  useStageAnnouncement(report, announce);
  const actions = useReportActions({
    client,
    cohortId,
    announcementId,
    report,
    setLoad,
    refresh,
    headingRef,
  });
  const { busy, confirming } = actions;

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
            onClick={() => void actions.exportCsv()}
            disabled={busy !== null}
            data-testid="announcement-export"
          >
            {busy === 'export' ? 'Exporting…' : 'Export CSV'}
          </Button>
        )}
        {canCancel && !confirming && (
          <Button
            ref={actions.cancelButtonRef}
            onClick={actions.askToCancel}
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
        <CancelConfirm
          scheduled={a.status === 'scheduled'}
          sent={counts.sent}
          busy={busy}
          confirmRef={actions.confirmRef}
          titleId={`${headingId}-confirm`}
          onConfirm={() => void actions.cancel()}
          onKeep={actions.keepSending}
          onKeyDown={actions.onConfirmKey}
        />
      )}

      {counts.unconfirmed > 0 && !underway && a.status !== 'cancelled' && (
        <UnconfirmedNotice
          unconfirmed={counts.unconfirmed}
          busy={busy}
          onResend={() => void actions.resend()}
        />
      )}

      <ActionStatus note={actions.actionNote} testId="announcement-action-status" />

      <MessageDetails text={a.text} link={a.link} />

      <RecipientsSection
        status={a.status}
        recipients={recipients}
        filter={filter}
        onFilter={setFilter}
        rowLimit={rowLimit}
        onRowLimit={setRowLimit}
      />
    </section>
  );
}
