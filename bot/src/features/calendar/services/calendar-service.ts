import { randomBytes } from 'node:crypto';
import type { CalendarEvent, EventInput, RsvpResponse } from '../../../contracts/calendar';
import type { CohortHome } from '../../../contracts/channel-home';
import { instantOf } from '../../../contracts/dates';
import { AppError } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import type { Versioned } from '../../../platform/storage/versioned';
import {
  type CohortService,
  type IdentityService,
  type Membership,
  newId,
} from '../../cohorts/index';
import {
  EVENT_TYPE_WORDS,
  type ProgrammeEvent,
  eventTimeProblems,
  eventView,
  isInvited,
  placesLeft,
} from '../domain/programme-event';
import type { CalendarFeedRepository } from '../store/calendar-feed-repository';
import type { EventRepository } from '../store/event-repository';
import type { EmailHint, VouchedEmail } from '../../../platform/vouched-email';
import { type Answered, takeAnswer } from './event-rsvp';
import { calendarFor } from './ics';

/** The calendar's own records. */
export interface CalendarStores {
  events: Pick<
    EventRepository,
    | 'calendar'
    | 'sharedCalendar'
    | 'get'
    | 'create'
    | 'update'
    | 'answerState'
    | 'answer'
    | 'countGoing'
  >;
  calendarFeeds: Pick<CalendarFeedRepository, 'replace' | 'revoke' | 'userFor'>;
}

/** Who created or moved an event, for the reminders sent in their name. */
export interface EventAuthor {
  userId: string;
  name: string;
}

/** Reminders a day and an hour before an event, to those going (the announcements send them). */
export interface EventReminders {
  scheduleReminders(event: ProgrammeEvent, from: EventAuthor): Promise<void>;
}

export interface CalendarDeps {
  repos: CalendarStores;
  identity: Pick<IdentityService, 'runsCohort' | 'membershipsOf'>;
  cohorts: Pick<CohortService, 'find'>;
  reminders: EventReminders;
  now: () => Date;
  /** Where personal feed URLs point (the service's public address). */
  publicUrl?: string;
}

/**
 * A signed-in person (from a bearer token, or a Teams activity): the object id, and the vouched
 * email that may link them the first time (read lazily from Teams' roster in the bot).
 */
export interface CalendarPerson {
  userId: string;
  email?: VouchedEmail | EmailHint;
}

/** How someone relates to a cohort's calendar. */
export type CalendarViewer =
  { coordinator: true; membership?: Membership } | { coordinator: false; membership: Membership };

/** An invitation card's facts after an answer: the event, the person's answer, places left. */
export interface InvitationView {
  event: ProgrammeEvent;
  cohortName: string;
  myResponse?: RsvpResponse;
  placesLeft?: number;
}

const NOT_INVITED = 'No event you are invited to has that id';

/**
 * The programme calendar: coordinators create and edit events; participants see the events
 * they are invited to, answer them (in the tab or on the invitation card), download .ics files
 * and subscribe to a personal feed.
 */
export class CalendarService {
  constructor(private readonly deps: CalendarDeps) {}

  /** How the caller relates to a cohort: coordinator, or participant with a role; else 404. */
  async viewerOf(person: CalendarPerson, cohortId: string): Promise<CalendarViewer> {
    const { identity } = this.deps;
    if (await identity.runsCohort(person.userId, cohortId)) return { coordinator: true };
    // The email (asked for only when the object id finds nothing) links them the first time.
    const { email } = person;
    const emailIfKnown = typeof email === 'function' ? email : async () => email;
    const memberships = await identity.membershipsOf(person.userId, emailIfKnown);
    const membership = memberships.find((m) => m.cohortId === cohortId);
    if (!membership) throw AppError.notFound('You are not in that cohort');
    return { coordinator: false, membership };
  }

  /** The events the person is invited to (coordinators: every event), earliest first. */
  async list(person: CalendarPerson, cohortId: string): Promise<CalendarEvent[]> {
    const who = await this.viewerOf(person, cohortId);
    const calendar = await this.deps.repos.events.calendar(cohortId);
    const participantId = who.coordinator ? undefined : who.membership.participantId;
    return calendar.events
      .filter((e) => who.coordinator || isInvited(e.value, who.membership.role))
      .map((e) => eventView(e.value, calendar.rsvps, httpEtag(e.etag), participantId));
  }

  /** Refuses, per field, a start or end the one date rule does not allow; nothing is stored. */
  private checkWhen(input: EventInput, startIsNew = true): void {
    const problems = eventTimeProblems(input, this.deps.now(), startIsNew);
    if (problems.length > 0) throw AppError.invalidFields(problems);
  }

  /** The event with its ETag; 404 when there is none. */
  async event(cohortId: string, eventId: string): Promise<Versioned<ProgrammeEvent>> {
    const event = await this.deps.repos.events.get(cohortId, eventId);
    if (!event) throw AppError.notFound('No event has that id');
    return event;
  }

  /**
   * A new event in a cohort the caller checked exists; those who say yes are reminded a day
   * and an hour before.
   */
  async create(cohortId: string, input: EventInput, by: EventAuthor): Promise<CalendarEvent> {
    this.checkWhen(input);
    const event: ProgrammeEvent = {
      id: newId(),
      cohortId,
      ...input,
      start: new Date(input.start).toISOString(),
      end: new Date(input.end).toISOString(),
      createdBy: by.userId,
      updatedAt: this.deps.now().toISOString(),
    };
    const saved = await this.deps.repos.events.create(event);
    await this.deps.reminders.scheduleReminders(event, by);
    return eventView(event, [], httpEtag(saved.etag));
  }

  /**
   * Replaces an event if nobody changed it since `etag` (else `stale`); its reminders follow
   * it when it moves, and the answers stand through the edit.
   */
  async update(
    current: ProgrammeEvent,
    etag: string,
    input: EventInput,
    by: EventAuthor,
  ): Promise<CalendarEvent> {
    const moved = instantOf(input.start) !== Date.parse(current.start);
    if (moved || instantOf(input.end) !== Date.parse(current.end)) this.checkWhen(input, moved);
    const event: ProgrammeEvent = {
      ...current,
      ...input,
      start: new Date(input.start).toISOString(),
      end: new Date(input.end).toISOString(),
      updatedAt: this.deps.now().toISOString(),
    };
    const saved = await this.deps.repos.events.update(event, etag);
    await this.deps.reminders.scheduleReminders(event, by);
    const { rsvps } = await this.deps.repos.events.calendar(event.cohortId);
    return eventView(event, rsvps, httpEtag(saved.etag));
  }

  /**
   * Who may answer this event: a participant of its cohort in its audience (coordinators run
   * events and may not answer them). Refused as `not_found` (or `forbidden` for a coordinator)
   * before the answer is read, in words that do not say whether the event exists. The API's
   * RSVP route and the invitation card's `event.rsvp` both ask here.
   */
  async answerer(
    person: CalendarPerson,
    cohortId: string,
    eventId: string,
  ): Promise<{ participantId: string; eventId: string }> {
    const who = await this.viewerOf(person, cohortId);
    if (who.coordinator)
      throw AppError.forbidden('Coordinators run events; participants answer them');
    const event = await this.deps.repos.events.get(cohortId, eventId);
    if (!event || !isInvited(event.value, who.membership.role)) {
      throw AppError.notFound(NOT_INVITED);
    }
    return { participantId: who.membership.participantId, eventId: event.value.id };
  }

  /**
   * Takes the answer of someone `answerer` let through; `conflict`/`event_full` when a yes
   * would go over the capacity.
   */
  answer(
    cohortId: string,
    eventId: string,
    participantId: string,
    response: RsvpResponse,
  ): Promise<Answered> {
    return takeAnswer(this.deps.repos, cohortId, eventId, participantId, response, this.deps.now());
  }

  /**
   * What an invitation card shows after an answer (for someone `answerer` let through), or
   * undefined when the event is gone.
   */
  async invitationView(
    cohortId: string,
    eventId: string,
    participantId: string,
  ): Promise<InvitationView | undefined> {
    const [cohort, calendar] = await Promise.all([
      this.deps.cohorts.find(cohortId),
      this.deps.repos.events.calendar(cohortId),
    ]);
    const event = calendar.events.find((e) => e.value.id === eventId)?.value;
    if (!event) return undefined;
    const mine = calendar.rsvps.find(
      (r) => r.eventId === event.id && r.participantId === participantId,
    );
    return {
      event,
      cohortName: cohort?.value.name ?? '',
      myResponse: mine?.response,
      placesLeft: placesLeft(event, calendar.rsvps),
    };
  }

  /** One event as an iCalendar file, for someone it is for (coordinators: any event). */
  async icsFor(
    person: CalendarPerson,
    cohortId: string,
    eventId: string,
  ): Promise<{ eventId: string; content: string }> {
    const who = await this.viewerOf(person, cohortId);
    const event = await this.deps.repos.events.get(cohortId, eventId);
    if (!event || (!who.coordinator && !isInvited(event.value, who.membership.role))) {
      throw AppError.notFound(NOT_INVITED);
    }
    return {
      eventId: event.value.id,
      content: calendarFor('Reverse mentoring event', [event.value]),
    };
  }

  /** A new personal feed Outlook can subscribe to; it revokes the person's earlier one. */
  async createFeed(userId: string): Promise<{ url: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.deps.repos.calendarFeeds.replace(userId, token, this.deps.now());
    return { url: `${this.deps.publicUrl ?? ''}/calendar/${token}.ics` };
  }

  async revokeFeed(userId: string): Promise<void> {
    await this.deps.repos.calendarFeeds.revoke(userId);
  }

  /** The feed a token stands for: every event the person is invited to, in every cohort. */
  async feed(token: string): Promise<string> {
    const userId = token ? await this.deps.repos.calendarFeeds.userFor(token) : undefined;
    if (!userId) throw AppError.notFound('This calendar link is not valid any more');
    const memberships = await this.deps.identity.membershipsOf(userId);
    const events: ProgrammeEvent[] = [];
    for (const m of memberships) {
      const calendar = await this.deps.repos.events.calendar(m.cohortId);
      events.push(...calendar.events.map((e) => e.value).filter((e) => isInvited(e, m.role)));
    }
    return calendarFor('Reverse mentoring programme', events);
  }

  /**
   * The next events that have not ended, for the channel's home: those the participant is
   * invited to (coordinators: every one), with their own answer.
   */
  async upcoming(
    cohortId: string,
    who: { coordinator: boolean; membership?: Membership },
    at: Date,
    limit: number,
  ): Promise<CohortHome['upcomingEvents']> {
    const now = at.toISOString();
    // The channel home: a whole cohort opens it at once after an announcement.
    const calendar = await this.deps.repos.events.sharedCalendar(cohortId);
    const { membership } = who;
    return calendar.events
      .map((e) => e.value)
      .filter((e) => e.end >= now)
      .filter((e) => who.coordinator || (membership && isInvited(e, membership.role)))
      .slice(0, limit)
      .map((e) => ({
        id: e.id,
        title: e.title,
        type: e.type,
        typeText: EVENT_TYPE_WORDS[e.type],
        audience: e.audience,
        start: e.start,
        end: e.end,
        location: e.location,
        myResponse:
          calendar.rsvps.find(
            (r) => r.eventId === e.id && r.participantId === membership?.participantId,
          )?.response ?? null,
      }));
  }
}
