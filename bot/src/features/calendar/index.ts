/**
 * The programme calendar: events, RSVPs, .ics files and personal feeds. Other features use
 * this surface (and the contract in `contracts/calendar.ts`), never the folders behind it.
 */

// Domain.
export { type ProgrammeEvent, isInvited, placesLeft } from './domain/programme-event';
// The counts of the sessions' attendance registers (the evaluation's participation measures).
export { type StoredRegister, sessionRecordsOf } from './domain/attendance';
export type { EventAudience, EventType, RsvpResponse } from '../../contracts/calendar';

// Cards (announcements send invitations and reminders as the event card).
export { type EventCardData, buildEventCard, describeEventTime } from './cards/event-card';

// Service.
export {
  type CalendarDeps,
  CalendarService,
  type CalendarStores,
  type EventAuthor,
  type EventReminders,
} from './services/calendar-service';
export {
  type AttendanceActor,
  type AttendanceDeps,
  AttendanceService,
} from './services/attendance-service';

// Stores, for the composition root.
export { CalendarFeedRepository } from './store/calendar-feed-repository';
export { EventRepository, type Rsvp } from './store/event-repository';

// Transport.
export { type CalendarRouteDeps, registerCalendarRoutes } from './http/calendar-routes';
export { type AttendanceRouteDeps, registerAttendanceRoutes } from './http/attendance-routes';
export {
  CALENDAR_VERBS,
  type CalendarCardDeps,
  type CalendarVerb,
  calendarCardVerbs,
} from './teams/event-rsvp-action';
