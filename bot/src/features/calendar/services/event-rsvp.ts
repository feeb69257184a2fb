import { AppError } from '../../../platform/errors';
import { ConflictError } from '../../../platform/storage/errors';
import { type ProgrammeEvent, type RsvpResponse, placesLeft } from '../domain/programme-event';
import type { AnswerState, EventRepository } from '../store/event-repository';

export { placesLeft };

/** The event rows an answer reads and writes. */
export interface AnswerStores {
  events: Pick<EventRepository, 'answerState' | 'answer' | 'countGoing'>;
}

/** An answer that was taken. */
export interface Answered {
  event: ProgrammeEvent;
  response: RsvpResponse;
  placesLeft?: number;
}

/** Lost races are retried on fresh reads; each loss means someone else's answer went in. */
const MAX_ATTEMPTS = 10;

export const EVENT_GONE = 'That event no longer exists.';
export const EVENT_FULL = 'This event is full. Choose "Maybe" to hear if a place comes up.';

/**
 * One person's answer to an event, from the tab or from the invitation card. A "yes" to an
 * event with no places left is refused as `conflict`/`event_full` (an existing "yes" stays a
 * yes); an event that no longer exists is `not_found`.
 *
 * Under a capacity, the answer and the count of people going (the event's places row) are
 * written in one transaction under their ETags, so two people can never both take the last
 * place: the loser re-reads and is either refused as full or tries again.
 */
export async function takeAnswer(
  repos: AnswerStores,
  cohortId: string,
  eventId: string,
  participantId: string,
  response: RsvpResponse,
  now: Date,
): Promise<Answered> {
  const rsvp = { eventId, participantId, response, updatedAt: now.toISOString() };
  for (let attempt = 1; ; attempt++) {
    const state = await repos.events.answerState(cohortId, eventId, participantId);
    const { event } = state;
    if (!event) throw AppError.notFound(EVENT_GONE);
    try {
      if (event.capacity === undefined) {
        // No count to keep; a places row left from an earlier capacity would go stale.
        const dropPlaces = state.places !== undefined;
        await repos.events.answer(cohortId, { rsvp, mine: state.mine, dropPlaces });
        return { event, response };
      }
      const going = await goingNow(repos, cohortId, eventId, state);
      const change = goingChange(state, response);
      if (change > 0 && going >= event.capacity) {
        throw AppError.coded('conflict', 'event_full', EVENT_FULL);
      }
      await repos.events.answer(cohortId, {
        rsvp,
        mine: state.mine,
        places: state.places,
        going: change === 0 ? undefined : going + change,
      });
      return { event, response, placesLeft: event.capacity - (going + change) };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      await backOff(attempt);
    }
  }
}

/** The number going: the places row, or (before it exists) counted from the RSVP rows. */
async function goingNow(
  repos: AnswerStores,
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

/** A short random pause, longer each time, so racing answers stop colliding in step. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
}
