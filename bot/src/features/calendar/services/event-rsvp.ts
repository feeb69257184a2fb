import type { ProgrammeEvent, RsvpResponse } from '../domain/programme-event';
import { ConflictError } from '../../../platform/storage/errors';
import type { AnswerState } from '../store/event-repository';
import type { Repositories } from '../../../app/repositories';

export type RsvpOutcome =
  | { ok: true; event: ProgrammeEvent; response: RsvpResponse; placesLeft?: number }
  | { ok: false; code: 'not_found' | 'event_full'; message: string; event?: ProgrammeEvent };

/** Lost races are retried on fresh reads; each loss means someone else's answer went in. */
const MAX_ATTEMPTS = 10;

/**
 * One person's answer to an event, from the tab or from the invitation card. A "yes" to an
 * event with no places left is refused (an existing "yes" stays a yes).
 *
 * Under a capacity, the answer and the count of people going (the event's places row) are
 * written in one transaction under their ETags, so two people can never both take the last
 * place: the loser re-reads and is either refused as full or tries again.
 */
export async function answerEvent(
  repos: Repositories,
  cohortId: string,
  eventId: string,
  participantId: string,
  response: RsvpResponse,
  now: Date,
): Promise<RsvpOutcome> {
  const rsvp = { eventId, participantId, response, updatedAt: now.toISOString() };
  for (let attempt = 1; ; attempt++) {
    const state = await repos.events.answerState(cohortId, eventId, participantId);
    const { event } = state;
    if (!event) return { ok: false, code: 'not_found', message: 'That event no longer exists.' };
    try {
      if (event.capacity === undefined) {
        // No count to keep; a places row left from an earlier capacity would go stale.
        const dropPlaces = state.places !== undefined;
        await repos.events.answer(cohortId, { rsvp, mine: state.mine, dropPlaces });
        return { ok: true, event, response };
      }
      const going = await goingNow(repos, cohortId, eventId, state);
      const change = goingChange(state, response);
      if (change > 0 && going >= event.capacity) return full(event);
      await repos.events.answer(cohortId, {
        rsvp,
        mine: state.mine,
        places: state.places,
        going: change === 0 ? undefined : going + change,
      });
      return { ok: true, event, response, placesLeft: event.capacity - (going + change) };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      await backOff(attempt);
    }
  }
}

/** The number going: the places row, or (before it exists) counted from the RSVP rows. */
async function goingNow(
  repos: Repositories,
  cohortId: string,
  eventId: string,
  state: AnswerState,
): Promise<number> {
  return state.places?.value ?? (await repos.events.countGoing(cohortId, eventId));
}

/** +1 when this answer takes a place, −1 when it gives one back, else 0. */
function goingChange(state: AnswerState, response: RsvpResponse): number {
  const was = state.mine?.value.response === 'yes' ? 1 : 0;
  return (response === 'yes' ? 1 : 0) - was;
}

function full(event: ProgrammeEvent): RsvpOutcome {
  return {
    ok: false,
    code: 'event_full',
    message: 'This event is full. Choose "Maybe" to hear if a place comes up.',
    event,
  };
}

/** A short random pause, longer each time, so racing answers stop colliding in step. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
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
