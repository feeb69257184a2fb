import type { ApiClient } from '../app/api-client';
import type {
  CalendarEvent,
  CalendarEventList,
  CalendarFeed,
  CalendarFeedRevoked,
  EventInput,
  RsvpAnswered,
  RsvpResponse,
} from '../../../bot/src/contracts/calendar';

const eventsPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/events`;
const eventPath = (cohortId: string, eventId: string) =>
  `${eventsPath(cohortId)}/${encodeURIComponent(eventId)}`;

/** The calendar's own calls, built on the tab's signed client. */
export function calendarApi(client: ApiClient) {
  return {
    /** The events the viewer is invited to (coordinators get every event), earliest first. */
    async listEvents(cohortId: string): Promise<CalendarEvent[]> {
      const body = await client.request<CalendarEventList>(eventsPath(cohortId));
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
      client.request<RsvpAnswered>(`${eventPath(cohortId, eventId)}/rsvp`, {
        method: 'PUT',
        body: { response },
      }),
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
      client.request<CalendarFeed>('/api/me/calendar-feed', { method: 'POST', body: {} }),
    stopFeed: () =>
      client.request<CalendarFeedRevoked>('/api/me/calendar-feed', { method: 'DELETE' }),
  };
}

export type CalendarApi = ReturnType<typeof calendarApi>;
