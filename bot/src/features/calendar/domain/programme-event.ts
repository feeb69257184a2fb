import {
  type CalendarEvent,
  EVENT_AUDIENCES,
  EVENT_TYPES,
  EVENT_TYPE_WORDS,
  type EventAudience,
  type EventInput,
  type EventType,
  RSVP_ANSWERS,
  type RsvpResponse,
  eventInputSchema,
} from '../../../contracts/calendar';
import type { ProgrammeRole } from '../../../contracts/cohorts';
import { eventTimeProblem } from '../../../contracts/dates';
import type { FieldProblem } from '../../../contracts/field-problem';

// Types, audiences, answers, limits and the input schema live in the contract.
export {
  EVENT_AUDIENCES,
  EVENT_TYPES,
  EVENT_TYPE_WORDS,
  type EventAudience,
  type EventInput,
  type EventType,
  RSVP_ANSWERS,
  type RsvpResponse,
  eventInputSchema,
};

/**
 * A programme event around the pairs (induction, training, peer support, action learning): the
 * stored fields of the contract's `CalendarEvent`, without the per-viewer counts and words.
 */
export type ProgrammeEvent = Pick<
  CalendarEvent,
  | 'id'
  | 'cohortId'
  | 'type'
  | 'title'
  | 'description'
  | 'audience'
  | 'start'
  | 'end'
  | 'location'
  | 'capacity'
  | 'createdBy'
  | 'updatedAt'
>;

/** Whether someone with this programme role is invited (coordinators see every event). */
export function isInvited(event: Pick<ProgrammeEvent, 'audience'>, role: ProgrammeRole): boolean {
  if (event.audience === 'everyone') return true;
  if (role === 'either') return true;
  return event.audience === 'mentors' ? role === 'mentor' : role === 'mentee';
}

/** The event as the calendar API gives it, with the number going and the viewer's answer. */
export function eventView(
  event: ProgrammeEvent,
  rsvps: readonly { eventId: string; participantId: string; response: RsvpResponse }[],
  etag: string,
  participantId?: string,
): CalendarEvent {
  const mine = rsvps.find((r) => r.eventId === event.id && r.participantId === participantId);
  const answers = rsvps.filter((r) => r.eventId === event.id);
  return {
    ...event,
    typeText: EVENT_TYPE_WORDS[event.type],
    going: answers.filter((r) => r.response === 'yes').length,
    myResponse: mine?.response ?? null,
    etag,
  };
}

/** Places left on an event, or undefined when it has no capacity. */
export function placesLeft(
  event: ProgrammeEvent,
  rsvps: readonly { eventId: string; response: RsvpResponse }[],
): number | undefined {
  if (event.capacity === undefined) return undefined;
  return (
    event.capacity - rsvps.filter((r) => r.eventId === event.id && r.response === 'yes').length
  );
}

/**
 * A new or moved event is not in the past (when its start is new) and starts and ends at most
 * two years ahead (the one date rule, contracts/dates.ts). Returns the problems per field.
 */
export function eventTimeProblems(
  input: Pick<EventInput, 'start' | 'end'>,
  now: Date,
  startIsNew = true,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const start = eventTimeProblem(input.start, now, { mayBePast: !startIsNew });
  if (start) problems.push({ field: 'start', message: start });
  // The end follows the start (the contract checks it is after): only its reach is checked.
  const end = eventTimeProblem(input.end, now, { mayBePast: true });
  if (end) problems.push({ field: 'end', message: end });
  return problems;
}
