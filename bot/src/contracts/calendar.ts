import * as z from 'zod';
import { instantOf, isoInstant } from './dates';
import { cleanText } from './text';

/**
 * The programme calendar on the wire: event types, audiences, RSVP answers, every limit of an
 * event, the request bodies and the event as the API answers it. The bot's routes and cards
 * and the tab's calendar all import these; nothing here is copied elsewhere.
 */

/** Programme events around the pairs: induction, training, peer support, action learning. */
export const EVENT_TYPES = [
  'induction',
  'mentor_training',
  'peer_support',
  'action_learning_set',
  'awareness_session',
  'evaluation_session',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Words for each type; the API sends the same as `typeText`. */
export const EVENT_TYPE_WORDS: Record<EventType, string> = {
  induction: 'Programme induction',
  mentor_training: 'Mentor training',
  peer_support: 'Peer support meeting',
  action_learning_set: 'Action learning set',
  awareness_session: 'Awareness session',
  evaluation_session: 'Evaluation session',
};

export const EVENT_AUDIENCES = ['everyone', 'mentors', 'mentees'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

/**
 * The answers to an invitation, in the one order every surface offers them: from going to not
 * going (the card's buttons, the tab's buttons, the API's words).
 */
export const RSVP_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type RsvpResponse = (typeof RSVP_ANSWERS)[number];

export function isRsvpResponse(value: unknown): value is RsvpResponse {
  return (RSVP_ANSWERS as readonly unknown[]).includes(value);
}

/**
 * The calendar's card verbs (Teams sends them back from the cards' buttons): an answer on an
 * invitation or reminder, with `{ cohortId, eventId, response }`.
 */
export const CALENDAR_VERBS = ['event.rsvp'] as const;
export type CalendarVerb = (typeof CALENDAR_VERBS)[number];

/** Every limit of an event, read by the schema below, the tab's form and the tests. */
export const EVENT_LIMITS = {
  titleMin: 3,
  titleMax: 140,
  descriptionMax: 4000,
  locationMax: 500,
  capacityMin: 1,
  capacityMax: 1000,
} as const;

const L = EVENT_LIMITS;

/** A real date and time with its zone (contracts/dates.ts); how far ahead is the service's check. */
const instant = isoInstant();

/** `POST /api/cohorts/{id}/events` and `PUT …/events/{eventId}`. */
export const eventInputSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` }),
    title: cleanText(
      z
        .string({ message: 'is required' })
        .trim()
        .min(L.titleMin, `must be at least ${L.titleMin} characters`)
        .max(L.titleMax, `must be at most ${L.titleMax} characters`),
    ),
    description: cleanText(
      z.string().trim().max(L.descriptionMax, `must be at most ${L.descriptionMax} characters`),
      { multiLine: true },
    ).default(''),
    audience: z
      .enum(EVENT_AUDIENCES, { message: 'must be everyone, mentors or mentees' })
      .default('everyone'),
    start: instant,
    end: instant,
    location: cleanText(
      z.string().trim().max(L.locationMax, `must be at most ${L.locationMax} characters`),
    ).default(''),
    capacity: z
      .number()
      .int('must be a whole number')
      .min(L.capacityMin, `must be at least ${L.capacityMin}`)
      .max(L.capacityMax, `must be at most ${L.capacityMax}`)
      .optional(),
  })
  .strict()
  .refine((e) => (instantOf(e.end) ?? 0) > (instantOf(e.start) ?? 0), {
    message: 'must be after start',
    path: ['end'],
  });

/** What a coordinator sends to create or replace an event. */
export type EventInput = z.output<typeof eventInputSchema>;

/** "yes, maybe or no". */
const answerWords = `${RSVP_ANSWERS.slice(0, -1).join(', ')} or ${RSVP_ANSWERS.at(-1)}`;

/** `PUT /api/cohorts/{id}/events/{eventId}/rsvp`. */
export const rsvpBodySchema = z
  .object({ response: z.enum(RSVP_ANSWERS, { message: `must be ${answerWords}` }) })
  .strict();

export type RsvpBody = z.infer<typeof rsvpBodySchema>;

/** The answer to an RSVP. */
export interface RsvpAnswered {
  eventId: string;
  response: RsvpResponse;
}

/** One event as the calendar API gives it (list, create, edit). */
export interface CalendarEvent {
  id: string;
  cohortId: string;
  type: EventType;
  title: string;
  description: string;
  audience: EventAudience;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** A Teams meeting link or a place; may be empty. */
  location: string;
  capacity?: number;
  createdBy: string;
  updatedAt: string;
  typeText: string;
  /** How many people answered "yes". */
  going: number;
  /** The viewer's own answer; always null for coordinators, who cannot answer. */
  myResponse: RsvpResponse | null;
  etag: string;
}

/** `GET /api/cohorts/{id}/events`. */
export interface CalendarEventList {
  events: CalendarEvent[];
}

/** `POST /api/me/calendar-feed`: a new personal feed; any earlier one stops working. */
export interface CalendarFeed {
  url: string;
}

/** `DELETE /api/me/calendar-feed`. */
export interface CalendarFeedRevoked {
  revoked: boolean;
}
