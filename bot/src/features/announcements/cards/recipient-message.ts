import type { Activity } from 'botbuilder';
import type { Announcement, Recipient } from '../domain/announcement';
import type { AnnouncementPorts } from '../ports';
import { cardForAnnouncement } from './announcement-card';
import { cardActivity } from './teams-activity';

/** Where nobody's zone is known, event times are shown in the programme's. */
const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * The Teams message one recipient gets: the announcement's card (the same for everyone), or
 * an event's invitation or reminder (per person: their RSVP, their time zone).
 */
export class RecipientMessages {
  constructor(private readonly ports: Pick<AnnouncementPorts, 'cohorts' | 'events'>) {}

  async cohortName(cohortId: string): Promise<string | undefined> {
    return (await this.ports.cohorts.get(cohortId))?.value.name;
  }

  /** The message for one person; undefined when its event no longer exists. */
  async activityFor(
    a: Announcement,
    recipient: Recipient,
    timeZone: string | undefined,
  ): Promise<Partial<Activity> | undefined> {
    const cohortName = (await this.cohortName(a.cohortId)) ?? 'your programme';
    if (a.kind === 'announcement') {
      return cardActivity(cardForAnnouncement(a, cohortName, false), a.title);
    }
    const calendar = await this.ports.events.calendar(a.cohortId);
    const event = calendar.events.find((e) => e.value.id === a.eventId)?.value;
    if (!event) return undefined;
    const mine = calendar.rsvps.find(
      (r) => r.eventId === event.id && r.participantId === recipient.participantId,
    );
    const card = this.ports.events.card({
      event,
      cohortName,
      timeZone: timeZone ?? DEFAULT_TIME_ZONE,
      myResponse: mine?.response,
      placesLeft: this.ports.events.placesLeft(event, calendar.rsvps),
      reminder: a.kind === 'event-reminder' ? (a.text === 'hour' ? 'hour' : 'day') : undefined,
    });
    return cardActivity(card, event.title);
  }
}
