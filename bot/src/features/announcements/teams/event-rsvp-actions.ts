import { AppError } from '../../../platform/errors';
import type { CardVerbTable } from '../../../platform/teams/turn-routes';
import type { IdentityPort, RsvpAnswer } from '../ports';
import type { EventAnswers } from '../services/event-answers';
import type { EventRsvpVerb } from './announcement-verbs';
import { note, str } from './card-data';

/** What the RSVP button uses. */
export interface EventRsvpDeps {
  identity: Pick<IdentityPort, 'membershipsOf'>;
  answers: Pick<EventAnswers, 'answer'>;
}

const ANSWERS: readonly string[] = ['yes', 'no', 'maybe'];

/**
 * The event invitation card's RSVP (`event.rsvp`), for the person invited. Its own table, so
 * the calendar can take it over as it is.
 */
export function eventRsvpCardVerbs(deps: EventRsvpDeps): CardVerbTable<EventRsvpVerb> {
  return {
    'event.rsvp': async (actor, data) => {
      const cohortId = str(data, 'cohortId');
      const response = str(data, 'response');
      if (!ANSWERS.includes(response)) return note('That answer is not one we know');
      const memberships = await deps.identity.membershipsOf(actor.userId, actor.email);
      const membership = memberships.find((m) => m.cohortId === cohortId);
      if (!membership) return note('This invitation was not for you');
      try {
        const card = await deps.answers.answer(
          cohortId,
          str(data, 'eventId'),
          membership.participantId,
          response as RsvpAnswer,
          actor.timeZone,
        );
        return { card, notices: [] };
      } catch (error) {
        if (error instanceof AppError && error.reason === 'not_found') return note(error.message);
        throw error;
      }
    },
  };
}
