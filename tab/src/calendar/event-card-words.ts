import type { CalendarEvent, RsvpResponse } from '../../../bot/src/contracts/calendar';
import { placesLeft } from './calendar-format';

/** The words an event card shows: answer buttons' names, places left, the invitations button. */

/** The answer button's accessible name, which starts with its visible words. */
export function answerLabel(response: RsvpResponse, title: string): string {
  if (response === 'yes') return `Going to ${title}`;
  if (response === 'maybe') return `Maybe going to ${title}`;
  return `Not going to ${title}`;
}

/** Places in words: '3 places left', 'This event is full', and for coordinators who is going. */
export function describePlaces(event: CalendarEvent, forCoordinator: boolean): string | undefined {
  const left = placesLeft(event);
  const going = event.going === 0 ? 'No one going yet' : `${event.going} going`;
  if (left === undefined) return forCoordinator ? going : undefined;
  const places =
    left === 0
      ? event.myResponse === 'yes'
        ? 'This event is full. You have a place.'
        : 'This event is full.'
      : `${left} ${left === 1 ? 'place' : 'places'} left of ${event.capacity}.`;
  return forCoordinator ? `${going}. ${places}` : places;
}

export const INVITE_WORDS = {
  idle: 'Send invitations in Teams',
  sending: 'Sending invitations',
  sent: 'Invitations sent',
} as const;
