import { DateTime } from 'luxon';
import type { Meeting } from './pair-space';
import { resolveTimeZone } from './send-window';

/**
 * Where a booking lands in the plan. A time inside the asked meeting's window is simply that
 * meeting; a time outside it (meeting 1 "by 6 January" booked for 1 April) asks for confirmation
 * first, and counts as the plan meeting whose window holds it, or the asked one when none does.
 * Pure: the meetings and the instant are parameters.
 */
export interface BookingPlacement {
  inWindow: boolean;
  asked: Meeting;
  /** The meeting the booking will be recorded as. */
  countsAs: Meeting;
}

function holds(m: Meeting, at: number): boolean {
  return Date.parse(m.windowStart) <= at && at < Date.parse(m.windowEnd);
}

export function placeBooking(
  meetings: readonly Meeting[],
  asked: Meeting,
  plannedAt: Date,
): BookingPlacement {
  const at = plannedAt.getTime();
  if (asked.number === undefined || holds(asked, at)) {
    return { inWindow: true, asked, countsAs: asked };
  }
  const other = meetings.find(
    (m) => m.number !== undefined && m.status !== 'held' && m.id !== asked.id && holds(m, at),
  );
  return { inWindow: false, asked, countsAs: other ?? asked };
}

/** A date in the viewer's zone, en-GB; the year is added when it is not `now`'s year. */
export function dayInZone(iso: string, timeZone: string, now: Date, weekday = false): string {
  const zone = resolveTimeZone(timeZone);
  const at = DateTime.fromISO(iso, { zone }).setLocale('en-GB');
  const thisYear = at.hasSame(DateTime.fromJSDate(now, { zone }), 'year');
  return at.toFormat(`${weekday ? 'cccc ' : ''}d LLLL${thisYear ? '' : ' yyyy'}`);
}

/** The last day of a window ("by 6 January"), whose end is exclusive. */
function lastDay(m: Meeting, timeZone: string, now: Date): string {
  return dayInZone(new Date(Date.parse(m.windowEnd) - 1).toISOString(), timeZone, now);
}

/** The sentence that asks for confirmation of a booking outside its window. */
export function outsideWindowWords(
  placement: BookingPlacement,
  plannedAt: Date,
  timeZone: string,
  now: Date,
): string {
  const { asked, countsAs } = placement;
  const when = dayInZone(plannedAt.toISOString(), timeZone, now, true);
  const late = plannedAt.getTime() >= Date.parse(asked.windowEnd);
  const counts =
    countsAs.id !== asked.id
      ? `It will count as meeting ${countsAs.number} (by ${lastDay(countsAs, timeZone, now)}), and meeting ${asked.number} stays unbooked.`
      : late
        ? `No other meeting of your plan falls then, so it will be booked as meeting ${asked.number}, which shows as missed once its window has closed.`
        : `It will count as meeting ${asked.number}.`;
  return `Meeting ${asked.number} was to be by ${lastDay(asked, timeZone, now)}; ${when} is outside that. ${counts}`;
}
