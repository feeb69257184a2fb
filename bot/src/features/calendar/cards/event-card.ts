import { DateTime } from 'luxon';
import {
  type CalendarVerb,
  EVENT_TYPE_WORDS,
  RSVP_ANSWERS,
  type RsvpResponse,
} from '../../../contracts/calendar';
import { isHttpsUrl } from '../../../contracts/safe-links';
import type { ProgrammeEvent } from '../domain/programme-event';
import type { CardJson } from '../../../platform/teams/cards/render';
import { CARD_VERSION, heading } from '../../../platform/teams/cards/render';
import { execute, finishCard, openUrl, subtle, text } from '../../../platform/teams/cards/card-kit';

export interface EventCardData {
  event: ProgrammeEvent;
  cohortName: string;
  /** The person's time zone for the date line. */
  timeZone: string;
  myResponse?: RsvpResponse;
  /** Places left when the event has a capacity. */
  placesLeft?: number;
  /** Set on the reminders a day and an hour before. */
  reminder?: 'day' | 'hour';
  /** Shown once after an RSVP could not be taken (e.g. the event filled up). */
  problem?: string;
}

const RESPONSE_WORDS: Record<RsvpResponse, string> = {
  yes: "✓ You're going",
  maybe: 'You might go',
  no: "You're not going",
};

const RSVP_VERB: CalendarVerb = 'event.rsvp';

/** The answer buttons, offered in the contract's order of answers. */
const BUTTONS: Record<RsvpResponse, { title: string; style?: 'positive' }> = {
  yes: { title: "I'll go", style: 'positive' },
  maybe: { title: 'Maybe' },
  no: { title: "Can't go" },
};

/** "Tuesday 3 March 2026, 14:00–15:30 (Europe/London)" in the person's zone. */
export function describeEventTime(event: ProgrammeEvent, timeZone: string): string {
  const start = DateTime.fromISO(event.start, { zone: timeZone }).setLocale('en-GB');
  const end = DateTime.fromISO(event.end, { zone: timeZone }).setLocale('en-GB');
  const sameDay = start.hasSame(end, 'day');
  const endText = sameDay ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL yyyy, HH:mm');
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${endText} (${timeZone})`;
}

/** An invitation to (or reminder of) a programme event; RSVP answers update it in place. */
export function buildEventCard(data: EventCardData): CardJson {
  const { event } = data;
  const isLink = isHttpsUrl(event.location);
  const lead =
    data.reminder === 'day'
      ? 'Reminder: this is tomorrow'
      : data.reminder === 'hour'
        ? 'Reminder: this starts in an hour'
        : `Invitation · ${data.cohortName}`;
  const full = data.placesLeft !== undefined && data.placesLeft <= 0 && data.myResponse !== 'yes';
  const body: object[] = [
    subtle(lead, { spacing: 'None' }),
    heading(event.title),
    {
      type: 'FactSet',
      facts: [
        { title: 'What', value: EVENT_TYPE_WORDS[event.type] },
        { title: 'When', value: describeEventTime(event, data.timeZone) },
        ...(event.location && !isLink ? [{ title: 'Where', value: event.location }] : []),
        ...(isLink ? [{ title: 'Where', value: 'Teams meeting (link below)' }] : []),
        ...(data.placesLeft !== undefined
          ? [{ title: 'Places left', value: String(Math.max(0, data.placesLeft)) }]
          : []),
      ],
    },
  ];
  if (event.description) body.push(text(event.description));
  if (data.problem) body.push(text(`⚠ ${data.problem}`, { color: 'Attention' }));
  if (data.myResponse) body.push(text(RESPONSE_WORDS[data.myResponse], { weight: 'Bolder' }));
  if (full) body.push(text('This event is full.', { color: 'Attention' }));

  const actions: object[] = [];
  for (const response of RSVP_ANSWERS) {
    if (data.myResponse === response) continue;
    // Maybe stays open on a full event: it is how people hear if a place comes up.
    if (response === 'yes' && full) continue;
    const { title, style } = BUTTONS[response];
    actions.push(
      execute(
        title,
        RSVP_VERB,
        { cohortId: event.cohortId, eventId: event.id, response },
        { ...(style ? { style } : {}), tooltip: `${title}: ${event.title}` },
      ),
    );
  }
  if (isLink) actions.push(openUrl('Join Teams meeting', event.location));

  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    actions,
  } as CardJson;
  finishCard(card);
  return card;
}
