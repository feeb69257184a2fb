import { Badge, Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../app/api-client';
import type { EventAudience, RsvpResponse } from '../../../bot/src/contracts/calendar';
import { isHttpsUrl } from '../../../bot/src/contracts/safe-links';
import type { ChannelCohort, CohortHome } from '../../../bot/src/contracts/channel-home';
import { describePairState } from '../shared/format';
import { MarkdownText } from '../shared/markdown/markdown-text';
import { SectionCard } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { ViewTitle } from '../shared/view-header';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXL },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  // A badge in a column keeps its own width instead of stretching across the card.
  badge: { alignSelf: 'flex-start', maxWidth: '100%' },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const dateTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});
const dayOnly = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const RESPONSE_WORDS: Record<RsvpResponse, string> = {
  yes: "You're going",
  maybe: 'You might go',
  no: "You're not going",
};
const AUDIENCE_WORDS: Record<EventAudience, string> = {
  everyone: 'For everyone',
  mentors: 'For mentors',
  mentees: 'For mentees',
};

interface ChannelHomeProps {
  client: ApiClient;
  cohortId: string;
  onOpenPair: (pairId: string) => void;
  onOpenCalendar: (cohortId: string) => void;
  onOpenCohort: (cohortId: string) => void;
  onSignInExpired?: () => void;
}

/**
 * The programme channel's tab: what is coming up, what the programme team said lately, and the
 * viewer's own pair in brief. Another pair's details are never shown here, not even to a
 * coordinator (who sees the cohort's health as counts and opens the cohort view for more).
 */
export function ChannelHome({
  client,
  cohortId,
  onOpenPair,
  onOpenCalendar,
  onOpenCohort,
  onSignInExpired,
}: ChannelHomeProps) {
  const styles = useStyles();
  const [load, , retry] = useApiLoad(
    () => client.request<CohortHome>(`/api/cohorts/${encodeURIComponent(cohortId)}/home`),
    [client, cohortId],
    onSignInExpired,
  );

  if (load.status === 'loading')
    return <Loading label="Loading the programme…" testId="channel-loading" />;
  if (load.status === 'failed') {
    const notIn = load.error.status === 404;
    return (
      <Problem
        title={notIn ? "You're not in this programme" : "We couldn't load the programme"}
        message={
          notIn
            ? 'This channel belongs to a mentoring cohort you are not part of. If you think you should be, contact the programme team.'
            : load.error.message
        }
        intent={notIn ? 'info' : 'error'}
        onRetry={notIn ? undefined : retry}
        testId="channel-error"
      />
    );
  }
  const home = load.data;

  return (
    <div className={styles.view} data-testid="channel-home">
      <ViewTitle cohort={home.cohort} takesFocus={false}>
        {home.cohort.name}
      </ViewTitle>
      <div className={styles.grid}>
        <SectionCard title="Coming up" testId="channel-events">
          {home.upcomingEvents.length === 0 ? (
            <Text className={styles.muted} data-testid="channel-events-empty">
              Nothing in the programme calendar yet. Inductions, peer support meetings and action
              learning sets will appear here.
            </Text>
          ) : (
            <ul className={styles.list}>
              {home.upcomingEvents.map((e) => (
                <li key={e.id} className={styles.item}>
                  <Text weight="semibold">{e.title}</Text>
                  <Text className={styles.muted}>
                    {dateTime.format(new Date(e.start))} · {e.typeText} ·{' '}
                    {AUDIENCE_WORDS[e.audience]}
                  </Text>
                  {e.myResponse && (
                    <Badge
                      appearance="outline"
                      shape="rounded"
                      className={styles.badge}
                      data-testid="channel-event-response"
                    >
                      {RESPONSE_WORDS[e.myResponse]}
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className={styles.buttons}>
            <Button
              onClick={() => onOpenCalendar(home.cohort.id)}
              data-testid="channel-open-calendar"
            >
              Open the programme calendar
            </Button>
          </div>
        </SectionCard>

        <SectionCard title="From the programme team" testId="channel-announcements">
          {home.announcements.length === 0 ? (
            <Text className={styles.muted} data-testid="channel-announcements-empty">
              No announcements yet. Messages from your programme team will appear here too.
            </Text>
          ) : (
            <ul className={styles.list}>
              {home.announcements.map((a) => (
                <li key={a.id} className={styles.item}>
                  <Text weight="semibold">{a.title}</Text>
                  <Text size={200} className={styles.muted}>
                    {a.from}, {dayOnly.format(new Date(a.sentAt))}
                  </Text>
                  <MarkdownText text={a.text} testId="channel-announcement-text" />
                  {a.link && isHttpsUrl(a.link.url) && (
                    <Link
                      href={a.link.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      className={styles.badge}
                    >
                      {a.link.label}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </SectionCard>

        {home.myPair && (
          <SectionCard title="Your pair" testId="channel-my-pair">
            <Text>
              With <strong>{home.myPair.partnerName ?? 'your partner'}</strong>
            </Text>
            <div>
              <Badge appearance="outline" shape="rounded">
                {describePairState(home.myPair.state)}
              </Badge>
            </div>
            <Text className={styles.muted}>{home.myPair.progress}</Text>
            <Text className={styles.muted}>
              {home.myPair.nextMeetingAt
                ? `Next meeting: ${dateTime.format(new Date(home.myPair.nextMeetingAt))}`
                : 'No meeting booked yet.'}
            </Text>
            <div className={styles.buttons}>
              <Button
                appearance="primary"
                onClick={() => onOpenPair(home.myPair!.id)}
                data-testid="channel-open-pair"
              >
                Open my pair
              </Button>
            </div>
          </SectionCard>
        )}

        {home.health && (
          <SectionCard title="Pairs at a glance" testId="channel-health">
            <Text className={styles.muted}>
              {home.health.pairs} {home.health.pairs === 1 ? 'pair' : 'pairs'}. Only you and the
              programme team see this.
            </Text>
            <ul className={`${styles.list} ${styles.counts}`}>
              {home.health.counts
                .filter((c) => c.count > 0)
                .map((c) => (
                  <li key={c.health}>
                    <Badge appearance="tint" shape="rounded">
                      {c.text}: {c.count}
                    </Badge>
                  </li>
                ))}
            </ul>
            <div className={styles.buttons}>
              <Button
                onClick={() => onOpenCohort(home.cohort.id)}
                data-testid="channel-open-cohort"
              >
                Run this cohort
              </Button>
            </div>
          </SectionCard>
        )}
      </div>
    </div>
  );
}

/** The cohort a channel tab shows: `?programme=` (set when the tab was added), or the channel's link, or the viewer's own. */
export function ChannelHomeLoader({
  client,
  channelId,
  onSignInExpired,
  ...actions
}: Omit<ChannelHomeProps, 'cohortId'> & { channelId?: string }) {
  const [load, , retry] = useApiLoad(
    async () => {
      const fromUrl = new URLSearchParams(window.location.search).get('programme');
      if (fromUrl) return fromUrl;
      if (channelId) {
        const linked = await client.request<ChannelCohort>(
          `/api/channels/${encodeURIComponent(channelId)}/cohort`,
        );
        return linked.cohortId;
      }
      const me = await client.getMe();
      return me.memberships[0]?.cohort.id ?? me.coordinatedCohorts[0]?.id ?? null;
    },
    [client, channelId],
    onSignInExpired,
  );
  if (load.status === 'loading')
    return <Loading label="Finding your programme…" testId="channel-loading" />;
  if (load.status === 'failed' || load.data === null) {
    return (
      <Problem
        intent="info"
        title="This channel isn't linked to a mentoring cohort"
        message="Ask your programme team to set up the Mentoring programme tab again and choose the cohort."
        onRetry={load.status === 'failed' && load.error.status !== 404 ? retry : undefined}
        testId="channel-unlinked"
      />
    );
  }
  return (
    <ChannelHome
      client={client}
      cohortId={load.data}
      onSignInExpired={onSignInExpired}
      {...actions}
    />
  );
}
