import { AppError } from '../../../platform/errors';
import type { CardJson } from '../../../platform/teams/cards/render';
import type { AnnouncementPorts, RsvpAnswer } from '../ports';

/**
 * A person's RSVP from an event's invitation card, and the card that replaces it. (The RSVP
 * belongs to the calendar; it is answered here while its card rides the announcements' fan-out.)
 */
export class EventAnswers {
  constructor(
    private readonly ports: Pick<AnnouncementPorts, 'cohorts' | 'events'>,
    private readonly now: () => Date,
  ) {}

  /**
   * The answer, taken or refused (a full event), and the event's card as the person now sees
   * it. A 404 when the event no longer exists.
   */
  async answer(
    cohortId: string,
    eventId: string,
    participantId: string,
    response: RsvpAnswer,
    timeZone: string,
  ): Promise<CardJson> {
    const answered = await this.ports.events.answer(
      cohortId,
      eventId,
      participantId,
      response,
      this.now(),
    );
    const cohort = await this.ports.cohorts.get(cohortId);
    if (!answered.ok && !answered.event) throw AppError.notFound(answered.message);
    const event = answered.event!;
    const calendar = await this.ports.events.calendar(cohortId);
    const mine = calendar.rsvps.find(
      (r) => r.eventId === event.id && r.participantId === participantId,
    );
    return this.ports.events.card({
      event,
      cohortName: cohort?.value.name ?? '',
      timeZone,
      myResponse: mine?.response,
      placesLeft: this.ports.events.placesLeft(event, calendar.rsvps),
      problem: answered.ok ? undefined : answered.message,
    });
  }
}
