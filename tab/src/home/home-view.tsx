import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../app/api-client';
import { CoordinatedCohortCard } from './coordinated-cohorts';
import { ArchivedCohorts } from './archived-cohorts';
import { MePanel } from './me-panel';
import { MembershipCard } from './membership-card';
import { YourData } from './your-data';
import { Loading, Problem } from '../shared/status-views';
import { placeFromUrl, placeToUrl } from '../app/url-params';
import type { TabPlace } from '../app/url-params';
import { useApiLoad } from '../shared/use-api-load';
import { isProgrammeTeam } from '../../../bot/src/contracts/staff-access';

// A pair's space, a calendar and a cohort are opened from the home view, so each loads only
// when asked for.
const MyPairView = lazy(() =>
  import('../pair/my-pair-view').then((m) => ({ default: m.MyPairView })),
);
const CalendarView = lazy(() =>
  import('../calendar/calendar-view').then((m) => ({ default: m.CalendarView })),
);
const ChannelHomeLoader = lazy(() =>
  import('../channel/channel-home').then((m) => ({ default: m.ChannelHomeLoader })),
);
// "New cohort" brings the cohort form and its checks: loaded with the home view, not before it.
const NewCohortButton = lazy(() =>
  import('../coordinator/cohort-dialogs').then((m) => ({ default: m.NewCohortButton })),
);
const AdminView = lazy(() => import('../admin/admin-view').then((m) => ({ default: m.AdminView })));
const SponsoredCohortCard = lazy(() =>
  import('./sponsored-cohort').then((m) => ({ default: m.SponsoredCohortCard })),
);
const SponsorInsightBoards = lazy(() =>
  import('../insights/insight-board').then((m) => ({ default: m.SponsorInsightBoards })),
);
const MyInsightsSection = lazy(() =>
  import('../insights/my-insights').then((m) => ({ default: m.MyInsightsSection })),
);
const ApplyView = lazy(() => import('../apply/apply-view').then((m) => ({ default: m.ApplyView })));
const OpenCohorts = lazy(() =>
  import('../apply/open-cohorts').then((m) => ({ default: m.OpenCohorts })),
);
const MySurveysView = lazy(() =>
  import('../evaluation/my-surveys-view').then((m) => ({ default: m.MySurveysView })),
);
const SurveysWaiting = lazy(() =>
  import('../evaluation/survey-waiting').then((m) => ({ default: m.SurveysWaiting })),
);
const CoordinatorCohortView = lazy(() =>
  import('../coordinator/cohort-view').then((m) => ({ default: m.CoordinatorCohortView })),
);

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: { display: 'flex', flexDirection: 'column', '> *': { flexGrow: 1 } },
  empty: { color: tokens.colorNeutralForeground2 },
});

function Section({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid={testId}>
      <Text as="h2" size={500} weight="semibold" id={headingId} className={styles.heading}>
        {title}
      </Text>
      {children}
    </section>
  );
}

interface HomeViewProps {
  client: ApiClient;
  /** In a programme channel's tab: the channel home instead of the personal home. */
  channel?: { channelId?: string };
  /** Called when the API says the sign-in is no longer valid (401). */
  onSignInExpired?: () => void;
}

/** The first view after sign-in: who you are, your cohorts and partner, cohorts you run. */
export function HomeView({ client, channel, onSignInExpired }: HomeViewProps) {
  const styles = useStyles();
  const [load, , retry] = useApiLoad(() => client.getMe(), [client], onSignInExpired);
  const [place, setPlace] = useState<TabPlace>(() => placeFromUrl(window.location.search));

  useEffect(() => {
    const onPop = () => setPlace(placeFromUrl(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: TabPlace) => {
    window.history.pushState(null, '', placeToUrl(window.location.href, next));
    setPlace(next);
    window.scrollTo(0, 0);
  }, []);
  const goHome = useCallback(() => go({ kind: 'home' }), [go]);
  const showPair = useCallback((pairId: string) => go({ kind: 'pair', pairId }), [go]);
  const showCalendar = useCallback((cohortId: string) => go({ kind: 'calendar', cohortId }), [go]);
  const showCohort = useCallback((cohortId: string) => go({ kind: 'cohort', cohortId }), [go]);
  const showAdmin = useCallback(() => go({ kind: 'admin' }), [go]);
  const showApply = useCallback((cohortId: string) => go({ kind: 'apply', cohortId }), [go]);
  const showSurveys = useCallback(() => go({ kind: 'surveys' }), [go]);

  if (place.kind === 'pair') {
    return (
      <Suspense fallback={<Loading label="Opening your pair…" testId="pair-opening" />}>
        <MyPairView
          client={client}
          pairId={place.pairId}
          onBack={goHome}
          onSignInExpired={onSignInExpired}
        />
      </Suspense>
    );
  }
  if (place.kind === 'calendar') {
    return (
      <Suspense fallback={<Loading label="Opening the calendar…" testId="calendar-opening" />}>
        <CalendarView
          client={client}
          cohortId={place.cohortId}
          onBack={goHome}
          onSignInExpired={onSignInExpired}
        />
      </Suspense>
    );
  }
  if (place.kind === 'cohort') {
    return (
      <Suspense fallback={<Loading label="Opening the cohort…" testId="cohort-opening" />}>
        <CoordinatorCohortView
          client={client}
          cohortId={place.cohortId}
          onBack={goHome}
          onOpenCalendar={showCalendar}
          onSignInExpired={onSignInExpired}
        />
      </Suspense>
    );
  }
  if (place.kind === 'apply') {
    return (
      <Suspense fallback={<Loading label="Opening your application…" testId="apply-opening" />}>
        <ApplyView
          client={client}
          cohortId={place.cohortId}
          onBack={goHome}
          onSignInExpired={onSignInExpired}
        />
      </Suspense>
    );
  }
  if (place.kind === 'surveys') {
    return (
      <Suspense fallback={<Loading label="Opening your surveys…" testId="surveys-opening" />}>
        <MySurveysView client={client} onBack={goHome} onSignInExpired={onSignInExpired} />
      </Suspense>
    );
  }
  if (channel) {
    return (
      <Suspense fallback={<Loading label="Opening the programme…" testId="channel-opening" />}>
        <ChannelHomeLoader
          client={client}
          channelId={channel.channelId}
          onOpenPair={showPair}
          onOpenCalendar={showCalendar}
          onOpenCohort={showCohort}
          onSignInExpired={onSignInExpired}
        />
      </Suspense>
    );
  }
  if (load.status === 'loading') {
    return <Loading label="Loading your mentoring…" testId="home-loading" />;
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load your mentoring"
        message={load.error.message}
        onRetry={retry}
        testId="home-error"
      />
    );
  }

  const me = load.data;
  const isCoordinator = isProgrammeTeam(me.access);
  const isSponsor = me.sponsoredCohorts.length > 0;
  const showMemberships = me.memberships.length > 0 || (!isCoordinator && !isSponsor);

  if (place.kind === 'admin' && me.access.programmeAdmin) {
    return (
      <Suspense fallback={<Loading label="Opening administration…" testId="admin-opening" />}>
        <AdminView client={client} cohorts={me.coordinatedCohorts} onBack={goHome} />
      </Suspense>
    );
  }

  return (
    <>
      <MePanel me={me} />
      {me.memberships.length > 0 && (
        <Suspense fallback={null}>
          <SurveysWaiting client={client} onOpen={showSurveys} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        <OpenCohorts client={client} onApply={showApply} />
      </Suspense>
      {showMemberships && (
        <Section title="Your mentoring" testId="memberships">
          {me.memberships.length === 0 ? (
            <Text className={styles.empty} data-testid="home-empty">
              You&apos;re not in a cohort yet. Your programme team will add you when pairs are
              matched.
            </Text>
          ) : (
            <ul className={styles.grid}>
              {me.memberships.map((m) => (
                <li key={m.participantId} className={styles.item}>
                  <MembershipCard
                    membership={m}
                    onOpenPair={showPair}
                    onOpenCalendar={showCalendar}
                  />
                </li>
              ))}
            </ul>
          )}
          <Suspense fallback={null}>
            <MyInsightsSection client={client} memberships={me.memberships} />
          </Suspense>
        </Section>
      )}
      <YourData client={client} />
      {me.access.programmeAdmin && (
        <Section title="Programme administration" testId="programme-admin">
          <Text>
            Give coordinators their cohorts and sponsors their figures, and read the audit trail.
          </Text>
          <div>
            <Button appearance="primary" onClick={showAdmin} data-testid="open-admin">
              Roles and audit trail
            </Button>
          </div>
        </Section>
      )}
      {isSponsor && (
        <Section title="Cohorts you sponsor" testId="sponsored-cohorts">
          <Suspense fallback={<Loading label="Loading the figures…" testId="sponsored-opening" />}>
            <ul className={styles.grid}>
              {me.sponsoredCohorts.map((c) => (
                <li key={c.id} className={styles.item}>
                  <SponsoredCohortCard client={client} cohort={c} />
                </li>
              ))}
            </ul>
            <SponsorInsightBoards client={client} cohorts={me.sponsoredCohorts} />
          </Suspense>
        </Section>
      )}
      {isCoordinator && (
        <Section title="Cohorts you run" testId="coordinated-cohorts">
          {me.access.programmeAdmin && (
            <div>
              <Suspense fallback={null}>
                <NewCohortButton client={client} onCreated={(c) => showCohort(c.id)} />
              </Suspense>
            </div>
          )}
          {me.coordinatedCohorts.length === 0 ? (
            <Text className={styles.empty} data-testid="coordinated-empty">
              There are no cohorts yet. Cohorts you create will appear here.
            </Text>
          ) : (
            <ul className={styles.grid}>
              {me.coordinatedCohorts.map((c) => (
                <li key={c.id} className={styles.item}>
                  <CoordinatedCohortCard
                    cohort={c}
                    onOpenCohort={showCohort}
                    onOpenCalendar={showCalendar}
                  />
                </li>
              ))}
            </ul>
          )}
          <ArchivedCohorts client={client} onOpenCohort={showCohort} />
        </Section>
      )}
    </>
  );
}
