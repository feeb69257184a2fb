import {
  Badge,
  Button,
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type ReactNode, useId, useState } from 'react';
import { ApiRequestError } from '../app/api-client';
import {
  type CalendarEvent,
  RSVP_ANSWERS,
  type RsvpResponse,
} from '../../../bot/src/contracts/calendar';
import type { CalendarApi } from './calendar-api';
import {
  describeAnswer,
  describeAudience,
  describeType,
  formatEventWhen,
  icsFileName,
  isFullFor,
  meetingLink,
} from './calendar-format';
import { saveFile } from '../shared/save-file';
import { INVITE_WORDS, answerLabel, describePlaces } from './event-card-words';

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
    height: '100%',
    boxSizing: 'border-box',
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  title: { margin: 0, ':focus': { outlineStyle: 'none' } },
  when: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  description: { whiteSpace: 'pre-wrap', color: tokens.colorNeutralForeground2 },
  answers: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  answer: { minWidth: '72px' },
});

interface EventCardProps {
  api: CalendarApi;
  cohortId: string;
  event: CalendarEvent;
  /** Participants answer; coordinators run the event and cannot. */
  canAnswer: boolean;
  /** Coordinators of the cohort can edit. */
  onEdit?: (event: CalendarEvent) => void;
  past?: boolean;
  /** More buttons for this event (the programme team's "Record attendance"). */
  actions?: ReactNode;
  onChange: (event: CalendarEvent) => void;
  announce: (message: string) => void;
  onSignInExpired?: () => void;
}

/** One programme event: what, when, where, who for, places, the viewer's answer. */
export function EventCard({
  api,
  cohortId,
  event,
  canAnswer,
  onEdit,
  past = false,
  actions,
  onChange,
  announce,
  onSignInExpired,
}: EventCardProps) {
  const styles = useStyles();
  const titleId = `event-title-${event.id}`;
  const placesId = useId();
  const [pending, setPending] = useState<RsvpResponse | null>(null);
  const [problem, setProblem] = useState<{ title: string; message: string } | undefined>();
  const [downloading, setDownloading] = useState(false);
  const [inviting, setInviting] = useState<'idle' | 'sending' | 'sent'>('idle');

  async function invite() {
    setInviting('sending');
    setProblem(undefined);
    try {
      await api.sendInvitations(cohortId, event.id);
      setInviting('sent');
      announce(`Invitations to ${event.title} are on their way in Teams.`);
    } catch (error) {
      setInviting('idle');
      failed(error, "We couldn't send the invitations");
    }
  }

  const link = meetingLink(event.location);
  const places = describePlaces(event, !canAnswer);
  const full = isFullFor(event);

  function failed(error: unknown, title: string) {
    if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
      onSignInExpired();
      return;
    }
    const message =
      error instanceof ApiRequestError ? error.message : 'Something went wrong. Try again.';
    setProblem({ title, message });
    announce(`${title} ${message}`);
  }

  async function answer(response: RsvpResponse) {
    if (response === event.myResponse) return;
    setPending(response);
    setProblem(undefined);
    try {
      await api.answer(cohortId, event.id, response);
      const going =
        event.going + (response === 'yes' ? 1 : 0) - (event.myResponse === 'yes' ? 1 : 0);
      onChange({ ...event, myResponse: response, going: Math.max(0, going) });
      announce(`Your answer for ${event.title} is saved: ${describeAnswer(response)}.`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        // Someone took the last place first: show the event as full, keep the old answer.
        onChange({ ...event, going: Math.max(event.going, event.capacity ?? event.going) });
        const message =
          'The last place was taken just before your answer arrived, so you are not booked on. Choose Maybe to show you would still like to come if a place comes up.';
        setProblem({ title: 'This event is full.', message });
        announce(`This event is full. ${message}`);
      } else {
        failed(error, "We couldn't save your answer.");
      }
    } finally {
      setPending(null);
    }
  }

  async function addToCalendar() {
    setDownloading(true);
    setProblem(undefined);
    try {
      const text = await api.icsFor(cohortId, event.id);
      const fileName = icsFileName(event.title);
      saveFile(text, fileName, 'text/calendar;charset=utf-8');
      announce(`Downloaded ${fileName}. Open it to add ${event.title} to your calendar.`);
    } catch (error) {
      failed(error, "We couldn't download the calendar file.");
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card
      className={styles.card}
      role="article"
      aria-labelledby={titleId}
      data-testid={`event-${event.id}`}
      data-event-title={event.title}
    >
      <div className={styles.badges}>
        <Badge appearance="tint" color="brand" shape="rounded" data-testid="event-type-shown">
          {describeType(event)}
        </Badge>
        <Badge
          appearance="outline"
          color="informative"
          shape="rounded"
          data-testid="event-audience"
        >
          {describeAudience(event.audience)}
        </Badge>
      </div>
      <Text
        as="h4"
        size={400}
        weight="semibold"
        id={titleId}
        tabIndex={-1}
        className={styles.title}
        data-testid="event-title-shown"
      >
        {event.title}
      </Text>
      <Text className={styles.when} data-testid="event-when">
        {formatEventWhen(event.start, event.end)}
      </Text>
      {link ? (
        <Text>
          <Link
            href={link.href}
            target="_blank"
            rel="noreferrer"
            aria-label={`${link.teams ? 'Join Teams meeting' : 'Open meeting link'}: ${event.title}`}
            data-testid="event-join"
          >
            {link.teams ? 'Join Teams meeting' : 'Open meeting link'}
          </Link>
        </Text>
      ) : (
        <Text data-testid="event-place">
          {event.location.trim() ? `Place: ${event.location}` : 'Place to be confirmed'}
        </Text>
      )}
      {event.description && (
        <Text className={styles.description} data-testid="event-description-shown">
          {event.description}
        </Text>
      )}
      {places && (
        <Text
          id={placesId}
          weight={full && canAnswer && !past ? 'semibold' : 'regular'}
          data-testid="event-places"
        >
          {places}
        </Text>
      )}
      {canAnswer && past && event.myResponse && (
        <Text className={styles.muted} data-testid="event-answer">
          Your answer was {describeAnswer(event.myResponse)}.
        </Text>
      )}
      {canAnswer && !past && (
        <div className={styles.answers} role="group" aria-label={`Your answer for ${event.title}`}>
          <Text className={styles.muted} data-testid="event-answer">
            {event.myResponse
              ? `Your answer: ${describeAnswer(event.myResponse)}`
              : 'Will you go? You have not answered yet.'}
          </Text>
          <div className={styles.buttons}>
            {RSVP_ANSWERS.map((response) => {
              const blockedByFull = response === 'yes' && full;
              return (
                <ToggleButton
                  key={response}
                  className={styles.answer}
                  checked={event.myResponse === response}
                  appearance={event.myResponse === response ? 'primary' : 'secondary'}
                  disabledFocusable={blockedByFull || (pending !== null && pending !== response)}
                  aria-label={answerLabel(response, event.title)}
                  aria-describedby={blockedByFull && places ? placesId : undefined}
                  onClick={() => void answer(response)}
                  data-testid={`rsvp-${response}`}
                >
                  {pending === response ? 'Saving…' : describeAnswer(response)}
                </ToggleButton>
              );
            })}
          </div>
        </div>
      )}
      {problem && (
        <MessageBar intent="warning" layout="multiline" data-testid="event-problem">
          <MessageBarBody>
            <MessageBarTitle>{problem.title}</MessageBarTitle>
            {problem.message}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button
          onClick={() => void addToCalendar()}
          disabled={downloading}
          aria-label={`Add to my calendar: ${event.title}`}
          data-testid="event-ics"
        >
          {downloading ? 'Preparing…' : 'Add to my calendar'}
        </Button>
        {onEdit && (
          <Button
            onClick={() => onEdit(event)}
            aria-label={`Edit ${event.title}`}
            data-testid="event-edit"
          >
            Edit
          </Button>
        )}
        {onEdit && !past && (
          <Button
            onClick={() => void invite()}
            disabled={inviting !== 'idle'}
            aria-label={`${INVITE_WORDS[inviting]}: ${event.title}`}
            data-testid="event-invite"
          >
            {INVITE_WORDS[inviting]}
          </Button>
        )}
        {actions}
      </div>
    </Card>
  );
}
