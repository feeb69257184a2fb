import { CALENDAR_VERBS, type CalendarVerb, isRsvpResponse } from '../../../contracts/calendar';
import { AppError } from '../../../platform/errors';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbTable,
} from '../../../platform/teams/turn-routes';
import { buildEventCard } from '../cards/event-card';
import type { CalendarService } from '../services/calendar-service';

export { CALENDAR_VERBS, type CalendarVerb };

/** What the calendar's card handlers use. */
export interface CalendarCardDeps {
  calendar: Pick<CalendarService, 'membershipIn' | 'answer' | 'invitationView'>;
}

const str = (data: CardData, key: string) =>
  typeof data[key] === 'string' ? (data[key] as string) : '';

const note = (title: string): ActionResult => ({
  card: buildConfirmationCard({ title, lines: [] }),
  notices: [],
});

/**
 * "I'll go", "Maybe" and "Can't go" on an invitation: the answer is taken and the card is
 * replaced by the event with the person's answer and the places left. A "yes" to a full event
 * shows the card again with why; an answer to an event that is gone says so.
 */
async function answerFromCard(
  deps: CalendarCardDeps,
  actor: Actor,
  data: CardData,
): Promise<ActionResult> {
  const cohortId = str(data, 'cohortId');
  const eventId = str(data, 'eventId');
  const response = str(data, 'response');
  if (!isRsvpResponse(response)) return note('That answer is not one we know');
  const membership = await deps.calendar.membershipIn(actor.userId, cohortId, actor.email);
  if (!membership) return note('This invitation was not for you');
  let problem: string | undefined;
  try {
    await deps.calendar.answer(cohortId, eventId, membership.participantId, response);
  } catch (error) {
    if (error instanceof AppError && error.code === 'event_full') problem = error.message;
    else if (error instanceof AppError && error.reason === 'not_found') return note(error.message);
    else throw error;
  }
  const view = await deps.calendar.invitationView(cohortId, eventId, membership.participantId);
  if (!view) return note('That event no longer exists.');
  return {
    card: buildEventCard({
      event: view.event,
      cohortName: view.cohortName,
      timeZone: actor.timeZone,
      myResponse: view.myResponse,
      placesLeft: view.placesLeft,
      problem,
    }),
    notices: [],
  };
}

/** The calendar's card verb table, for the bot's one dispatch. */
export function calendarCardVerbs(deps: CalendarCardDeps): CardVerbTable<CalendarVerb> {
  return {
    'event.rsvp': (actor, data) => answerFromCard(deps, actor, data),
  };
}
