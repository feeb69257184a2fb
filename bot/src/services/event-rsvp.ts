import type { ProgrammeEvent, RsvpResponse } from '../domain/programme-event';
import type { Repositories } from '../store/repositories';

export type RsvpOutcome =
  | { ok: true; event: ProgrammeEvent; response: RsvpResponse; placesLeft?: number }
  | { ok: false; code: 'not_found' | 'event_full'; message: string; event?: ProgrammeEvent };

/**
 * One person's answer to an event, from the tab or from the invitation card. A "yes" to an
 * event with no places left is refused (an existing "yes" stays a yes).
 */
export async function answerEvent(
  repos: Repositories,
  cohortId: string,
  eventId: string,
  participantId: string,
  response: RsvpResponse,
  now: Date,
): Promise<RsvpOutcome> {
  const calendar = await repos.events.calendar(cohortId);
  const event = calendar.events.find((e) => e.value.id === eventId)?.value;
  if (!event) return { ok: false, code: 'not_found', message: 'That event no longer exists.' };
  const going = calendar.rsvps.filter((r) => r.eventId === eventId && r.response === 'yes');
  const alreadyGoing = going.some((r) => r.participantId === participantId);
  if (
    response === 'yes' &&
    !alreadyGoing &&
    event.capacity !== undefined &&
    going.length >= event.capacity
  ) {
    return {
      ok: false,
      code: 'event_full',
      message: 'This event is full. Choose "Maybe" to hear if a place comes up.',
      event,
    };
  }
  await repos.events.rsvp(cohortId, {
    eventId,
    participantId,
    response,
    updatedAt: now.toISOString(),
  });
  const goingAfter =
    going.length +
    (response === 'yes' && !alreadyGoing ? 1 : 0) -
    (response !== 'yes' && alreadyGoing ? 1 : 0);
  return {
    ok: true,
    event,
    response,
    placesLeft: event.capacity === undefined ? undefined : event.capacity - goingAfter,
  };
}

/** Places left on an event, or undefined when it has no capacity. */
export function placesLeft(
  event: ProgrammeEvent,
  rsvps: { eventId: string; response: RsvpResponse }[],
): number | undefined {
  if (event.capacity === undefined) return undefined;
  return (
    event.capacity - rsvps.filter((r) => r.eventId === event.id && r.response === 'yes').length
  );
}
