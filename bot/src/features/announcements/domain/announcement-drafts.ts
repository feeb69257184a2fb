import { DateTime } from 'luxon';
import { FALLBACK_TIME_ZONE } from '../../../contracts/time-zone';
import { type CreateAnnouncementBody, DEFAULT_LINK_LABEL } from '../../../contracts/announcements';
import type { Announcement } from './announcement';

/** Who sends it: the coordinator's Entra object id and the name recipients see. */
export interface Sender {
  userId: string;
  name: string;
}

/**
 * A programme event as its invitation and reminders need it (the calendar's event has more).
 * Kept structural so this feature needs nothing from the calendar's insides.
 */
export interface BroadcastEvent {
  id: string;
  cohortId: string;
  title: string;
  description: string;
  /** UTC ISO instant. */
  start: string;
  audience: 'everyone' | 'mentors' | 'mentees';
}

/** A coordinator's announcement from its checked input, due now or at `sendAt`. */
export function draftAnnouncement(
  id: string,
  cohortId: string,
  input: CreateAnnouncementBody,
  from: Sender,
  now: Date,
): Announcement {
  return {
    id,
    cohortId,
    kind: 'announcement',
    title: input.title,
    text: input.text,
    link: input.linkUrl
      ? { url: input.linkUrl, label: input.linkLabel?.trim() || DEFAULT_LINK_LABEL }
      : undefined,
    audience: {
      kind: input.audience,
      participantIds: input.audience === 'people' ? input.participantIds : undefined,
      lists: input.audience === 'applications_open' ? (input.lists ?? []) : undefined,
    },
    alsoInChannel: input.alsoInChannel,
    sendAt: input.sendAt ? new Date(input.sendAt).toISOString() : now.toISOString(),
    status: 'scheduled',
    createdBy: from.userId,
    createdByName: from.name,
    createdAt: now.toISOString(),
    round: 1,
  };
}

/** An event's invitation, to everyone the event is for, sent now. */
export function eventInvitation(
  id: string,
  event: BroadcastEvent,
  from: Sender,
  now: Date,
): Announcement {
  return {
    id,
    cohortId: event.cohortId,
    kind: 'event-invitation',
    title: event.title,
    text: event.description,
    eventId: event.id,
    audience: {
      kind:
        event.audience === 'mentors'
          ? 'mentors'
          : event.audience === 'mentees'
            ? 'mentees'
            : 'cohort',
    },
    alsoInChannel: false,
    sendAt: now.toISOString(),
    status: 'scheduled',
    createdBy: from.userId,
    createdByName: from.name,
    createdAt: now.toISOString(),
    round: 1,
  };
}

/** When an event's reminders go: a day and an hour before it starts. */
export const REMINDER_LEADS = [
  ['day', 24],
  ['hour', 1],
] as const;

export type ReminderLead = (typeof REMINDER_LEADS)[number][0];

/**
 * From when a reminder's words are wrong: "this is tomorrow" from the start of the event's own
 * day (in the programme's zone, Europe/London), "starts in an hour" from its start.
 */
export function reminderStaleAfter(
  event: Pick<BroadcastEvent, 'start'>,
  which: ReminderLead,
): Date {
  if (which === 'hour') return new Date(event.start);
  return DateTime.fromISO(event.start, { zone: FALLBACK_TIME_ZONE })
    .startOf('day')
    .toUTC()
    .toJSDate();
}

/** An event's reminder, to those who said yes (at the time it goes); `text` says which one. */
export function eventReminder(
  id: string,
  event: BroadcastEvent,
  which: ReminderLead,
  sendAt: Date,
  from: Sender,
  now: Date,
): Announcement {
  return {
    id,
    cohortId: event.cohortId,
    kind: 'event-reminder',
    title: event.title,
    text: which,
    eventId: event.id,
    audience: { kind: 'people' },
    alsoInChannel: false,
    sendAt: sendAt.toISOString(),
    staleAfter: reminderStaleAfter(event, which).toISOString(),
    status: 'scheduled',
    createdBy: from.userId,
    createdByName: from.name,
    createdAt: now.toISOString(),
    round: 1,
  };
}
