import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { CohortSummary } from '../app/api-types';
import type { Announcement, DeliveryCounts } from '../../../bot/src/contracts/announcements';
import { describeStatus } from './announcement-words';
import { AnnouncementForm } from './announcement-form';
import type { AnnouncementValues } from './form/announcement-checks';
import { AnnouncementReportView } from './announcement-report';
import { AnnouncementItem } from './list/announcement-item';
import { useAnnouncementList } from './list/use-announcement-list';
import type { CohortParticipant, PairHealthRow } from '../coordinator/coordinator-api';
import { plural } from '../coordinator/coordinator-api';
import { LiveRegion, useAnnouncer } from '../shared/live-region';
import { Loading, Problem } from '../shared/status-views';
import type { LoadState } from '../shared/use-api-load';
import { FocusHeading } from '../shared/view-header';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  titles: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
});

type View =
  | { kind: 'list' }
  | { kind: 'new'; prefill?: Partial<AnnouncementValues> }
  | { kind: 'report'; id: string; initial?: Announcement };

interface AnnouncementsSectionProps {
  client: ApiClient;
  cohort: CohortSummary;
  /** Whether the Announcements tab is showing: nothing is read before, and polling pauses after. */
  active: boolean;
  people: LoadState<CohortParticipant[]>;
  pairs: LoadState<PairHealthRow[]>;
  onRetryPeople?: () => void;
  onSignInExpired?: () => void;
  /** A new announcement written in already; each new `key` opens the composer with it. */
  prefill?: { key: number; values: Partial<AnnouncementValues> };
}

/**
 * The coordinator's announcements for a cohort: the recent ones with how far they got, a form
 * for a new one, and each one's delivery report.
 */
export function AnnouncementsSection({
  client,
  cohort,
  active,
  people,
  pairs,
  onRetryPeople,
  onSignInExpired,
  prefill,
}: AnnouncementsSectionProps) {
  const styles = useStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [opened, setOpened] = useState(active);
  const [liveText, announce] = useAnnouncer();
  const focusList = useRef(false);

  useEffect(() => {
    if (active) setOpened(true);
  }, [active]);

  useEffect(() => {
    if (prefill) setView({ kind: 'new', prefill: prefill.values });
  }, [prefill?.key]);

  const listShown = opened && view.kind === 'list';

  // The list, read when the section is first opened and each time people come back to it.
  const { load, setLoad, retry, counts, setCounts } = useAnnouncementList(
    client,
    cohort.id,
    listShown,
    onSignInExpired,
  );

  useEffect(() => {
    if (view.kind === 'list' && focusList.current) {
      focusList.current = false;
      headingRef.current?.focus();
    }
  }, [view]);

  const showList = useCallback(() => {
    focusList.current = true;
    setView({ kind: 'list' });
  }, []);
  const refresh = useCallback(() => {
    setLoad({ status: 'loading' });
    retry();
  }, [setLoad, retry]);

  const onSent = useCallback(
    (created: Announcement) => {
      announce(
        created.status === 'scheduled' && Date.parse(created.sendAt) > Date.now()
          ? `“${created.title}” is ${describeStatus(created).toLowerCase()}.`
          : `Sending “${created.title}”. The delivery report follows how it goes.`,
      );
      setLoad((current) =>
        current.status === 'loaded'
          ? {
              status: 'loaded',
              data: [created, ...current.data.filter((a) => a.id !== created.id)],
            }
          : current,
      );
      setView({ kind: 'report', id: created.id, initial: created });
    },
    [announce],
  );

  const onUpdate = useCallback((fresh: Announcement, freshCounts: DeliveryCounts) => {
    setLoad((current) =>
      current.status === 'loaded'
        ? {
            status: 'loaded',
            data: current.data.map((a) => (a.id === fresh.id ? fresh : a)),
          }
        : current,
    );
    setCounts((current) => ({ ...current, [fresh.id]: freshCounts }));
  }, []);

  const live = <LiveRegion text={liveText} testId="announcements-live" />;

  if (view.kind === 'new') {
    return (
      <div className={styles.stack}>
        {live}
        <AnnouncementForm
          client={client}
          cohortId={cohort.id}
          cohortName={cohort.name}
          people={people}
          pairs={pairs}
          onRetryPeople={onRetryPeople}
          onSent={onSent}
          onCancel={showList}
          onSignInExpired={onSignInExpired}
          initial={view.prefill}
        />
      </div>
    );
  }

  if (view.kind === 'report') {
    return (
      <div className={styles.stack}>
        {live}
        <AnnouncementReportView
          key={view.id}
          client={client}
          cohortId={cohort.id}
          announcementId={view.id}
          initial={view.initial}
          active={active}
          onBack={showList}
          announce={announce}
          onUpdate={onUpdate}
          onSignInExpired={onSignInExpired}
        />
      </div>
    );
  }

  const list = load.status === 'loaded' ? load.data : [];

  return (
    <div className={styles.stack} data-testid="announcements">
      {live}
      <div className={styles.top}>
        <div className={styles.titles}>
          <FocusHeading
            as="h3"
            headingRef={headingRef}
            focusOnShow={false}
            testId="announcements-heading"
          >
            Announcements
          </FocusHeading>
          <Text className={styles.muted}>
            Messages to people in this cohort, from the bot in their Teams chat. See who got each
            one and who has read it.
          </Text>
        </div>
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            onClick={() => setView({ kind: 'new' })}
            data-testid="announcement-new"
          >
            New announcement
          </Button>
          {load.status === 'loaded' && list.length > 0 && (
            <Button onClick={refresh} data-testid="announcements-refresh">
              Refresh
            </Button>
          )}
        </div>
      </div>

      {load.status === 'loading' && (
        <Loading label="Loading the announcements…" testId="announcements-loading" />
      )}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load the announcements"
          message={load.error.message}
          onRetry={refresh}
          testId="announcements-error"
        />
      )}
      {load.status === 'loaded' && list.length === 0 && (
        <div className={styles.empty} data-testid="announcements-empty">
          <Text weight="semibold">You haven&apos;t sent any announcements to this cohort yet.</Text>
          <Text>
            Use one to welcome people, remind them about a session or share news. Each person gets
            it in their chat with the bot, and you can see here who got it and who pressed “Got it”.
          </Text>
        </div>
      )}
      {load.status === 'loaded' && list.length > 0 && (
        <>
          <Text size={200} className={styles.muted} data-testid="announcements-summary">
            {plural(list.length, 'announcement')}, newest first. Open one for its delivery report.
          </Text>
          <ul
            className={styles.list}
            aria-label="Recent announcements"
            data-testid="announcements-list"
          >
            {list.map((a) => (
              <AnnouncementItem
                key={a.id}
                announcement={a}
                counts={counts[a.id]}
                onOpen={() => setView({ kind: 'report', id: a.id, initial: a })}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
