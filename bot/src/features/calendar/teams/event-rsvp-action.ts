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
  calendar: Pick<CalendarService, 'answerer' | 'answer' | 'invitationView'>;
}

const str = (data: CardData, key: string) =>
  typeof data[key] === 'string' ? (data[key] as string) : '';

const note = (title: string): ActionResult => ({
  card: buildConfirmationCard({ title, lines: [] }),
  notices: [],
});

/**
 * "I'll go", "Maybe" and "Can't go" on an invitation: the answer is taken and the card is
 * replaced by the event with the person's answer and the places left. Who may answer is
 * decided by the same check as `PUT …/events/{eventId}/rsvp` (`CalendarService.answerer`): a
 * participant of the cohort in the event's audience; anyone else gets its refusal's card words
 * (from the activity handler), which name no event. A "yes" to a full event shows the card
 * again with why.
 */
async function answerFromCard(
  deps: CalendarCardDeps,
  actor: Actor,
  data: CardData,
): Promise<ActionResult> {
  const cohortId = str(data, 'cohortId');
  const { participantId, eventId } = await deps.calendar.answerer(
    { userId: actor.userId, email: actor.email },
    cohortId,
    str(data, 'eventId'),
  );
  const response = str(data, 'response');
  if (!isRsvpResponse(response)) return note('That answer is not one we know');
  let problem: string | undefined;
  try {
    await deps.calendar.answer(cohortId, eventId, participantId, response);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'event_full')) throw error;
    problem = error.message;
  }
  const view = await deps.calendar.invitationView(cohortId, eventId, participantId);
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
