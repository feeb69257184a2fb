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

export function whenText(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: resolveTimeZone(timeZone) })
    .setLocale('en-GB')
    .toFormat("'on' cccc d LLLL 'at' HH:mm");
}

export function dayText(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat('cccc d LLLL');
}

export function dateText(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: resolveTimeZone(timeZone) })
    .setLocale('en-GB')
    .toFormat('d LLLL');
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
