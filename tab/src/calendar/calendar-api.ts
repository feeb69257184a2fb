import type { ApiClient } from '../app/api-client';
import type { AudienceCount } from '../../../bot/src/contracts/audience-counts';
import { audienceSizes } from '../announcements/announcement-words';
import { getHealth, getParticipants } from '../coordinator/coordinator-api';
import type {
  CalendarEvent,
  EventAudience,
  CalendarEventList,
  CalendarFeed,
  CalendarFeedRevoked,
  EventInput,
  RsvpAnswered,
  RsvpResponse,
} from '../../../bot/src/contracts/calendar';
import type {
  AttendanceInput,
  AttendanceRegister,
} from '../../../bot/src/contracts/calendar-attendance';

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
    /**
     * How many each audience would invite today (the programme team's roster and pairs), counted
     * as the invitations are: a reciprocal partner is among the mentors and among the mentees.
     */
    async audienceCounts(cohortId: string): Promise<Record<EventAudience, AudienceCount>> {
      const [people, pairs] = await Promise.all([
        getParticipants(client, cohortId),
        getHealth(client, cohortId),
      ]);
      const sizes = audienceSizes(people, pairs);
      const none = { people: 0, reciprocal: 0 };
      return {
        everyone: sizes.cohort ?? none,
        mentors: sizes.mentors ?? none,
        mentees: sizes.mentees ?? none,
      };
    },
    /** A programme session's attendance register (those who run the cohort only). */
    attendance: (cohortId: string, eventId: string) =>
      client.request<AttendanceRegister>(`${eventPath(cohortId, eventId)}/attendance`),
    /**
     * Saves the register over the version `etag` names (null: the first save); fails with 412
     * (and `current`) when someone saved it meanwhile.
     */
    saveAttendance: (
      cohortId: string,
      eventId: string,
      etag: string | null,
      input: AttendanceInput,
    ) =>
      client.request<AttendanceRegister>(`${eventPath(cohortId, eventId)}/attendance`, {
        method: 'PUT',
        body: input,
        ...(etag ? { ifMatch: etag } : {}),
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
