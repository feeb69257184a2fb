import type { ApiClient } from '../app/api-client';

/** Programme events around the pairs, as the calendar API names them. */
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

export type RsvpResponse = 'yes' | 'maybe' | 'no';

/** What a coordinator sends to create or replace an event. */
export interface EventInput {
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
}

/** One event as `GET /api/cohorts/{id}/events` gives it. */
export interface CalendarEvent extends EventInput {
  id: string;
  cohortId: string;
  typeText?: string;
  /** How many people answered "yes". */
  going: number;
  /** The viewer's own answer; always null for coordinators, who cannot answer. */
  myResponse: RsvpResponse | null;
  updatedAt: string;
  etag: string;
}

const eventsPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/events`;
const eventPath = (cohortId: string, eventId: string) =>
  `${eventsPath(cohortId)}/${encodeURIComponent(eventId)}`;

/** The calendar's own calls, built on the tab's signed client. */
export function calendarApi(client: ApiClient) {
  return {
    /** The events the viewer is invited to (coordinators get every event), earliest first. */
    async listEvents(cohortId: string): Promise<CalendarEvent[]> {
      const body = await client.request<{ events: CalendarEvent[] }>(eventsPath(cohortId));
      return body.events;
    },
    createEvent: (cohortId: string, input: EventInput) =>
      client.request<CalendarEvent>(eventsPath(cohortId), { method: 'POST', body: input }),
    /** Fails with 412 (and `current`) when someone changed the event since `etag` was read. */
    updateEvent: (cohortId: string, eventId: string, etag: string, input: EventInput) =>
      client.request<CalendarEvent>(eventPath(cohortId, eventId), {
        method: 'PUT',
        body: input,
        ifMatch: etag,
      }),
    /** Fails with 409 `event_full` when "yes" would go over the event's capacity. */
    answer: (cohortId: string, eventId: string, response: RsvpResponse) =>
      client.request<{ eventId: string; response: RsvpResponse }>(
        `${eventPath(cohortId, eventId)}/rsvp`,
        { method: 'PUT', body: { response } },
      ),
    /** Sends the invitation to everyone the event is for, through the bot (and sets reminders). */
    sendInvitations: (cohortId: string, eventId: string) =>
      client.request<{ id: string }>(`${eventPath(cohortId, eventId)}/invitations`, {
        method: 'POST',
        body: {},
      }),
    /** The event as an iCalendar file; the route needs the bearer token, so it is fetched. */
    icsFor: (cohortId: string, eventId: string) =>
      client.requestText(`${eventPath(cohortId, eventId)}/ics`),
    /** A new personal feed URL; any earlier one stops working. */
    createFeed: () =>
      client.request<{ url: string }>('/api/me/calendar-feed', { method: 'POST', body: {} }),
    stopFeed: () =>
      client.request<{ revoked: boolean }>('/api/me/calendar-feed', { method: 'DELETE' }),
  };
}

export type CalendarApi = ReturnType<typeof calendarApi>;
