import { Button, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { Me } from '../../../bot/src/contracts/cohorts';
import { calendarApi } from './calendar-api';
import { AttendanceAction } from './attendance-dialog';
import { isSessionEventType } from '../../../bot/src/contracts/calendar-attendance';
import type { CalendarEvent } from '../../../bot/src/contracts/calendar';
import { EventCard } from './calendar-event-card';
import { EventForm } from './calendar-event-form';
import { FeedPanel } from './calendar-feed';
import { groupByMonth, isPast, viewerTimeZone } from './calendar-format';
import { LiveRegion, useAnnouncer } from '../shared/live-region';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { ViewFrame, ViewTitle } from '../shared/view-header';
import { mayRunCohort } from '../../../bot/src/contracts/roles';

const useStyles = makeStyles({
  top: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  sectionHeading: { margin: 0 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  wide: { gridColumn: '1 / -1' },
  formCard: { padding: tokens.spacingHorizontalL },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  pastToggle: { paddingInline: 0, minWidth: 0, fontWeight: tokens.fontWeightSemibold },
});

export interface CalendarViewProps {
  client: ApiClient;
  cohortId: string;
  onBack: () => void;
  onSignInExpired?: () => void;
}

interface CalendarData {
  me: Me;
  events: CalendarEvent[];
}

const byStart = (a: CalendarEvent, b: CalendarEvent) => a.start.localeCompare(b.start);

/** Focuses an element once React has drawn it. */
function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/**
 * One cohort's programme calendar: the events the viewer is invited to, by month, with their
 * answer and a calendar file for each; a personal feed for Outlook; and, for the cohort's
 * coordinators, new events and edits.
 */
export function CalendarView({ client, cohortId, onBack, onSignInExpired }: CalendarViewProps) {
  const styles = useStyles();
  const api = useMemo(() => calendarApi(client), [client]);
  const [load, setLoad, retry] = useApiLoad<CalendarData>(
    async () => {
      const [me, events] = await Promise.all([client.getMe(), api.listEvents(cohortId)]);
      return { me, events };
    },
    [client, cohortId],
    onSignInExpired,
  );
  const pastId = useId();
  const newEventId = useId();
  const [announcement, announce] = useAnnouncer();
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [showPast, setShowPast] = useState(false);

  const back = { label: 'Back to your mentoring', onBack, testId: 'calendar-back' };

  if (load.status === 'loading') {
    return (
      <ViewFrame back={back}>
        <Loading label="Loading the programme calendar…" testId="calendar-loading" />
      </ViewFrame>
    );
  }
  if (load.status === 'failed') {
    const notFound = load.error.status === 404;
    return (
      <ViewFrame back={back}>
        <Problem
          title={
            notFound ? "We couldn't find this calendar" : "We couldn't load the programme calendar"
          }
          message={
            notFound
              ? 'You may not be part of this cohort, or the link is out of date. Go back to see your mentoring.'
              : load.error.message
          }
          onRetry={notFound ? undefined : retry}
          testId="calendar-error"
        />
      </ViewFrame>
    );
  }

  const { me, events } = load.data;
  const cohort =
    me.memberships.find((m) => m.cohort.id === cohortId)?.cohort ??
    me.coordinatedCohorts.find((c) => c.id === cohortId);
  const isCoordinator = mayRunCohort(me.access, cohortId);
  const canEdit = isCoordinator && me.coordinatedCohorts.some((c) => c.id === cohortId);
  // The API lets participants answer; coordinators run events and are refused.
  const isMember = me.memberships.some((m) => m.cohort.id === cohortId);
  const canAnswer = !isCoordinator && isMember;

  const now = new Date();
  const upcoming = events.filter((e) => !isPast(e, now));
  const past = events.filter((e) => isPast(e, now)).reverse();
  const months = groupByMonth(upcoming);

  const setEvents = (change: (events: CalendarEvent[]) => CalendarEvent[]) =>
    setLoad((l) =>
      l.status === 'loaded'
        ? { ...l, data: { ...l.data, events: change(l.data.events).sort(byStart) } }
        : l,
    );
  const replace = (event: CalendarEvent) =>
    setEvents((list) => list.map((e) => (e.id === event.id ? event : e)));

  /** The API's answer to a save counts nobody going; keep what we knew. */
  const afterEdit = (saved: CalendarEvent) => {
    const before = events.find((e) => e.id === saved.id);
    replace({
      ...saved,
      going: before?.going ?? saved.going,
      myResponse: before?.myResponse ?? saved.myResponse,
    });
    setEditingId(null);
    announce(`Saved your changes to ${saved.title}.`);
    focusSoon(`event-title-${saved.id}`);
  };
  const afterCreate = (saved: CalendarEvent) => {
    setEvents((list) => [...list, saved]);
    setCreating(false);
    announce(`Added ${saved.title} to the calendar.`);
    focusSoon(`event-title-${saved.id}`);
  };

  const card = (event: CalendarEvent, isOld: boolean) => {
    if (editingId === event.id) {
      return (
        <li key={event.id} className={styles.wide}>
          <Card className={styles.formCard}>
            <EventForm
              api={api}
              cohortId={cohortId}
              event={event}
              headingLevel="h4"
              onSaved={afterEdit}
              onLatest={replace}
              onSignInExpired={onSignInExpired}
              onCancel={() => {
                setEditingId(null);
                focusSoon(`event-title-${event.id}`);
              }}
            />
          </Card>
        </li>
      );
    }
    return (
      <li key={event.id}>
        <EventCard
          api={api}
          cohortId={cohortId}
          event={event}
          canAnswer={canAnswer}
          past={isOld}
          actions={
            canEdit &&
            isSessionEventType(event.type) &&
            Date.parse(event.start) <= now.getTime() ? (
              <AttendanceAction
                api={api}
                cohortId={cohortId}
                event={event}
                announce={announce}
                onSignInExpired={onSignInExpired}
              />
            ) : undefined
          }
          onEdit={canEdit ? (e) => setEditingId(e.id) : undefined}
          onChange={replace}
          announce={announce}
          onSignInExpired={onSignInExpired}
        />
      </li>
    );
  };

  const emptyText = canEdit
    ? 'No events yet. Add the induction, mentor training, peer support meetings and action learning sets with New event; each person sees the ones meant for them.'
    : 'No events yet. Your programme team will add inductions, peer support meetings and action learning sets here.';

  return (
    <ViewFrame back={back} testId="calendar">
      <div className={styles.top}>
        <ViewTitle cohort={cohort} testId="calendar-heading">
          Programme calendar
        </ViewTitle>
        {cohort && <Text className={styles.muted}>{cohort.name}</Text>}
        <Text className={styles.muted} data-testid="calendar-time-zone">
          Times are shown in your time zone ({viewerTimeZone()}).
        </Text>
      </div>

      <LiveRegion text={announcement} testId="calendar-announcement" />

      {canEdit &&
        (creating ? (
          <Card className={styles.formCard}>
            <EventForm
              api={api}
              cohortId={cohortId}
              onSaved={afterCreate}
              onSignInExpired={onSignInExpired}
              onCancel={() => {
                setCreating(false);
                focusSoon(newEventId);
              }}
            />
          </Card>
        ) : (
          <div className={styles.buttons}>
            <Button
              appearance="primary"
              id={newEventId}
              onClick={() => {
                setEditingId(null);
                setCreating(true);
              }}
              data-testid="event-new"
            >
              New event
            </Button>
          </div>
        ))}

      <section className={styles.section} aria-label="Upcoming events" data-testid="upcoming">
        {upcoming.length === 0 ? (
          <Text className={styles.muted} data-testid="calendar-empty">
            {events.length === 0
              ? emptyText
              : 'No upcoming events just now. Your programme team will add more here.'}
          </Text>
        ) : (
          months.map((month) => (
            <div key={month.key} className={styles.section} data-testid={`month-${month.key}`}>
              <Text as="h3" size={500} weight="semibold" className={styles.sectionHeading}>
                {month.label}
              </Text>
              <ul className={styles.list}>{month.events.map((e) => card(e, false))}</ul>
            </div>
          ))
        )}
      </section>

      {isMember ? (
        <FeedPanel api={api} announce={announce} onSignInExpired={onSignInExpired} />
      ) : (
        <Text className={styles.muted} data-testid="feed-not-member">
          Participants can subscribe to these events in Outlook from here. A calendar link carries
          the events of the cohorts you take part in, so there is none for you here.
        </Text>
      )}

      {past.length > 0 && (
        <section className={styles.section} data-testid="past">
          <Text as="h3" size={500} className={styles.sectionHeading}>
            <Button
              appearance="transparent"
              className={styles.pastToggle}
              aria-expanded={showPast}
              aria-controls={pastId}
              onClick={() => setShowPast((s) => !s)}
              data-testid="past-toggle"
            >
              <span aria-hidden="true">{showPast ? '▾' : '▸'}</span>&nbsp;
              {`Past events (${past.length})`}
            </Button>
          </Text>
          <ul className={styles.list} id={pastId} hidden={!showPast} data-testid="past-list">
            {showPast && past.map((e) => card(e, true))}
          </ul>
        </section>
      )}
    </ViewFrame>
  );
}
