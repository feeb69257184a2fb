import { DateTime } from 'luxon';
import type { Meeting } from '../domain/pair-space';
import type { Participant } from '../../cohorts';
import { resolveTimeZone } from '../domain/send-window';
import { type PairContext, sides } from '../services/pair-context';

/**
 * What every card view shares: the form state a card is re-rendered with, dates and times in
 * the viewer's own time zone (en-GB style), Teams deep links to the partner, and the viewer's
 * side of the pair.
 */

export interface Form {
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

export const CARD_VERSION = 1;

/** Whether `at` falls in another year than `now`, in the viewer's zone (then the year is shown). */
function otherYear(at: DateTime, now: Date | undefined): boolean {
  return now !== undefined && !at.hasSame(DateTime.fromJSDate(now, { zone: at.zone }), 'year');
}

/** "on Wednesday 20 January at 10:00"; the year is added when it is not `now`'s year. */
export function whenText(iso: string, timeZone: string, now?: Date): string {
  const at = DateTime.fromISO(iso, { zone: resolveTimeZone(timeZone) }).setLocale('en-GB');
  return at.toFormat(
    otherYear(at, now) ? "'on' cccc d LLLL yyyy 'at' HH:mm" : "'on' cccc d LLLL 'at' HH:mm",
  );
}

/** "Wednesday 20 January"; the year is added when it is not `now`'s year. */
export function dayText(isoDate: string, now?: Date): string {
  const at = DateTime.fromISO(isoDate).setLocale('en-GB');
  return at.toFormat(otherYear(at, now) ? 'cccc d LLLL yyyy' : 'cccc d LLLL');
}

/** "20 January"; the year is added when it is not `now`'s year. */
export function dateText(iso: string, timeZone: string, now?: Date): string {
  const at = DateTime.fromISO(iso, { zone: resolveTimeZone(timeZone) }).setLocale('en-GB');
  return at.toFormat(otherYear(at, now) ? 'd LLLL yyyy' : 'd LLLL');
}

export function chatUrl(partner: Participant): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(partner.email)}`;
}

export function meetingUrl(partner: Participant, subject: string): string {
  const query = new URLSearchParams({ subject, attendees: partner.email });
  return `https://teams.microsoft.com/l/meeting/new?${query.toString()}`;
}

export function viewer(ctx: PairContext, participantId: string) {
  const who = sides(ctx, participantId);
  if (!who) throw new Error('not a partner in this pair');
  return who;
}

export function meeting(ctx: PairContext, meetingId: string): Meeting {
  const found = ctx.space.meetings.find((m) => m.value.id === meetingId);
  if (!found) throw new Error(`no meeting ${meetingId}`);
  return found.value;
}
