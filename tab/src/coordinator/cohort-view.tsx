import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../app/api-client';
import { AnnouncementsSection } from '../announcements/announcements-view';
import { ApplicationsSection } from './applications-section';
import { CohortAdminBar, CohortStatusBadge } from './cohort-dialogs';
import { CohortPeople } from './cohort-people';
import { PairsSection } from './pairs-section';
import { HealthSection } from './health-table';
import { LinksSection } from './links-section';
import { MatchingSection } from './matching-section';
import { RosterImport } from './roster-import';
import { ParticipantReachNote, ReachPanel } from './reach-section';
import { Tabs } from './cohort-tabs';
import { InsightQueueSection } from '../insights/insight-queue';
import { formatCadence, formatDateRange } from '../shared/format';
import { Loading, Problem } from '../shared/status-views';
import type { LoadState } from '../shared/use-api-load';
import { ViewFrame, ViewTitle } from '../shared/view-header';
import { useCohortData } from './use-cohort-data';
import { ApplicationSettingsSection } from './application-settings-section';
import type { AnnouncementValues } from '../announcements/form/announcement-checks';
import { OutcomesView } from '../evaluation/outcomes-view';

// The survey plan editor loads only when its tab is opened.
const PlanSection = lazy(() =>
  import('../evaluation/plan-editor').then((m) => ({ default: m.PlanSection })),
);

export interface CoordinatorCohortViewProps {
  client: ApiClient;
  cohortId: string;
  onBack: () => void;
  onOpenCalendar: (cohortId: string) => void;
  onSignInExpired?: () => void;
}

const useStyles = makeStyles({
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  titles: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    minWidth: 0,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.spacingHorizontalXS,
    },
  },
  // `hidden` alone loses to the panel's `display: flex`.
  hidden: { display: 'none' },
});

type Section =
  | 'health'
  | 'participants'
  | 'pairs'
  | 'matching'
  | 'links'
  | 'import'
  | 'announcements'
  | 'application-window'
  | 'applications'
  | 'survey-plan'
  | 'outcomes'
  | 'insights';

/** ' (3)' once a list has loaded, so each tab says how many it holds. */
function countOf<T>(load: LoadState<T[]>): string {
  return load.status === 'loaded' ? ` (${load.data.length})` : '';
}

function Panel({
  value,
  selected,
  idBase,
  children,
}: {
  value: Section;
  selected: Section;
  idBase: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  // Every panel stays mounted, so a chosen file or a filter survives a look at another tab.
  return (
    <div
      role="tabpanel"
      id={`${idBase}-${value}-panel`}
      aria-labelledby={`${idBase}-${value}-tab`}
      hidden={value !== selected}
      tabIndex={0}
      className={mergeClasses(styles.panel, value !== selected && styles.hidden)}
      data-testid={`cohort-panel-${value}`}
    >
      {children}
    </div>
  );
}

/**
 * The programme team's view of one cohort: every pair's health (states, counts and dates,
 * never what pairs write), the roster, and importing participants and pairs from CSV.
 */
export function CoordinatorCohortView({
  client,
  cohortId,
  onBack,
  onOpenCalendar,
  onSignInExpired,
}: CoordinatorCohortViewProps) {
  const styles = useStyles();
  const idBase = useId().replace(/:/g, '');
  const [section, setSection] = useState<Section>('health');
  const {
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
  } = useCohortData(client, cohortId, onSignInExpired, section === 'links');

  const showImport = useCallback(() => setSection('import'), []);
  const showHealth = useCallback(() => setSection('health'), []);
  const showPeople = useCallback(() => setSection('participants'), []);
  const [prefill, setPrefill] = useState<{ key: number; values: Partial<AnnouncementValues> }>();
  const announce = useCallback((values: Partial<AnnouncementValues>) => {
    setPrefill((p) => ({ key: (p?.key ?? 0) + 1, values }));
    setSection('announcements');
  }, []);

  const back = { label: 'Back to home', onBack, testId: 'cohort-back' };

  if (cohortLoad.status === 'loading') {
    return (
      <ViewFrame back={back}>
        <Loading label="Loading the cohort…" testId="cohort-loading" />
      </ViewFrame>
    );
  }
  if (cohortLoad.status === 'failed') {
    const { status, message } = cohortLoad.error;
    const problem =
      status === 403
        ? {
            title: 'Only the programme team can open this cohort',
            message:
              "This page is for the coordinators who run the programme. If you're a mentor or mentee, go back to see your own mentoring.",
            retry: false,
          }
        : status === 404
          ? {
              title: "We couldn't find this cohort",
              message:
                'It may have been removed, or the link is out of date. Go back to see the cohorts you run.',
              retry: false,
            }
          : { title: "We couldn't load this cohort", message, retry: true };
    return (
      <ViewFrame back={back}>
        <Problem
          title={problem.title}
          message={problem.message}
          intent={status === 403 ? 'warning' : 'error'}
          onRetry={problem.retry ? retryAll : undefined}
          testId={status === 403 ? 'cohort-forbidden' : 'cohort-error'}
        />
      </ViewFrame>
    );
  }

  const cohort = cohortLoad.data;
  const tabId = (value: Section) => `${idBase}-${value}-tab`;
  const panelId = (value: Section) => `${idBase}-${value}-panel`;

  return (
    <ViewFrame back={back} testId="coordinator-cohort">
      <div className={styles.top}>
        <div className={styles.titles}>
          <ViewTitle cohort={cohort} testId="cohort-heading">
            {cohort.name}
          </ViewTitle>
          <CohortStatusBadge cohort={cohort} />
          <Text data-testid="cohort-dates">{formatDateRange(cohort)}</Text>
          <Text size={200} className={styles.muted}>
            {formatCadence(cohort.cadence)}
          </Text>
        </div>
        <CohortAdminBar client={client} cohort={cohort} onChanged={reloadCohortAfterDialog} />
        <Button
          onClick={() => onOpenCalendar(cohort.id)}
          aria-label={`Programme calendar for ${cohort.name}`}
          data-testid="cohort-calendar"
        >
          Programme calendar
        </Button>
      </div>

      <Tabs
        label="Running this cohort"
        items={[
          { value: 'health', label: `Pairs' health${countOf(healthLoad)}` },
          { value: 'participants', label: `Participants${countOf(peopleLoad)}` },
          { value: 'pairs', label: `Pairs${countOf(pairsLoad)}` },
          { value: 'matching', label: 'Matching' },
          { value: 'links', label: 'Sign-in links' },
          { value: 'import', label: 'Import' },
          { value: 'announcements', label: 'Announcements' },
          { value: 'application-window', label: 'Application window' },
          { value: 'applications', label: 'Applications' },
          { value: 'survey-plan', label: 'Survey plan' },
          { value: 'outcomes', label: 'Outcomes' },
          { value: 'insights', label: 'Insights' },
        ]}
        selected={section}
        onSelect={setSection}
        tabId={tabId}
        panelId={panelId}
        testId="cohort-tab"
      />

      <Panel value="health" selected={section} idBase={idBase}>
        <HealthSection
          client={client}
          cohort={cohort}
          load={healthLoad}
          onRetry={retryHealth}
          onImport={showImport}
        />
      </Panel>
      <Panel value="participants" selected={section} idBase={idBase}>
        <CohortPeople
          client={client}
          cohort={cohort}
          load={peopleLoad}
          onRetry={retryPeople}
          onImport={showImport}
          onChanged={reloadAfterDialog}
          above={
            <ReachPanel
              client={client}
              cohortId={cohortId}
              load={reachLoad}
              onChanged={reachChanged}
            />
          }
          rowNote={(p) => (
            <ParticipantReachNote
              client={client}
              cohortId={cohortId}
              person={unreached.get(p.id)}
              graphInstall={reachLoad.status === 'loaded' && reachLoad.data.graphInstall}
              onChanged={reachChanged}
            />
          )}
        />
      </Panel>
      <Panel value="pairs" selected={section} idBase={idBase}>
        <PairsSection
          client={client}
          cohort={cohort}
          load={pairsLoad}
          people={peopleLoad}
          onRetry={retryPairs}
          onChanged={reloadAfterDialog}
        />
      </Panel>
      <Panel value="matching" selected={section} idBase={idBase}>
        <MatchingSection
          client={client}
          cohortId={cohort.id}
          active={section === 'matching'}
          onPublished={reloadAfterDialog}
          onSignInExpired={onSignInExpired}
        />
      </Panel>
      <Panel value="links" selected={section} idBase={idBase}>
        <LinksSection
          client={client}
          cohortId={cohort.id}
          load={linksLoad}
          onRetry={retryLinks}
          onChanged={reload}
        />
      </Panel>
      <Panel value="import" selected={section} idBase={idBase}>
        <RosterImport
          client={client}
          cohortId={cohort.id}
          onImported={reload}
          onShowHealth={showHealth}
          onShowParticipants={showPeople}
        />
      </Panel>
      <Panel value="announcements" selected={section} idBase={idBase}>
        <AnnouncementsSection
          client={client}
          cohort={cohort}
          active={section === 'announcements'}
          people={peopleLoad}
          pairs={healthLoad}
          onRetryPeople={retryPeople}
          onSignInExpired={onSignInExpired}
          prefill={prefill}
        />
      </Panel>
      <Panel value="application-window" selected={section} idBase={idBase}>
        <ApplicationSettingsSection
          client={client}
          cohort={cohort}
          active={section === 'application-window'}
          shareLink={reachLoad.status === 'loaded' ? reachLoad.data.shareLink : null}
          onAnnounce={announce}
        />
      </Panel>
      <Panel value="applications" selected={section} idBase={idBase}>
        <ApplicationsSection
          client={client}
          cohort={cohort}
          active={section === 'applications'}
          onSignInExpired={onSignInExpired}
        />
      </Panel>
      <Panel value="survey-plan" selected={section} idBase={idBase}>
        {section === 'survey-plan' && (
          <Suspense fallback={<Loading label="Opening the survey plan…" />}>
            <PlanSection
              client={client}
              cohortId={cohort.id}
              active={section === 'survey-plan'}
              onSignInExpired={onSignInExpired}
            />
          </Suspense>
        )}
      </Panel>
      <Panel value="outcomes" selected={section} idBase={idBase}>
        {section === 'outcomes' && (
          <OutcomesView
            client={client}
            cohortId={cohort.id}
            cohortName={cohort.name}
            withItems
            onSignInExpired={onSignInExpired}
          />
        )}
      </Panel>
      <Panel value="insights" selected={section} idBase={idBase}>
        <InsightQueueSection client={client} cohortId={cohort.id} active={section === 'insights'} />
      </Panel>
    </ViewFrame>
  );
}
