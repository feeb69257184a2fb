import { DateTime } from 'luxon';
import { FALLBACK_TIME_ZONE, isValidTimeZone, resolveTimeZone } from '../../../contracts/time-zone';

/**
 * Respectful timing (docs/journey.md): a job's due time is the earliest it may go; it is
 * delivered on a working day, within working hours, in the recipient's own time zone.
 * Pure: every instant is a parameter.
 */

/** When messages may be delivered, in the recipient's local time. */
export interface SendPolicy {
  /** First hour messages may go (inclusive), 0–23. */
  startHour: number;
  /** Hour from which messages wait for the next working day (exclusive), 1–24. */
  endHour: number;
  /** Luxon weekday numbers: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
}

export const DEFAULT_POLICY: SendPolicy = Object.freeze({
  startHour: 9,
  endHour: 17,
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
});

export { FALLBACK_TIME_ZONE, isValidTimeZone, resolveTimeZone };

function checkPolicy(policy: SendPolicy): void {
  const { startHour, endHour, workingDays } = policy;
  if (!Number.isInteger(startHour) || !Number.isInteger(endHour)) {
    throw new RangeError('Send policy hours must be whole numbers.');
  }
  if (startHour < 0 || endHour > 24 || startHour >= endHour) {
    throw new RangeError('Send policy must have 0 <= startHour < endHour <= 24.');
  }
  if (!workingDays.some((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new RangeError('Send policy must have at least one working day (1–7).');
  }
}

/** Wall-clock `hour` on the day (24 = the next midnight); right on days the clocks change. */
function atHour(day: DateTime, hour: number): DateTime {
  const start = day.startOf('day');
  return hour >= 24 ? start.plus({ days: 1 }).startOf('day') : start.set({ hour });
}

/** The first instant >= earliest on a working day within [startHour, endHour) in the zone. */
export function nextSendTime(
  earliest: Date,
  timeZone: string | undefined,
  policy: SendPolicy = DEFAULT_POLICY,
): Date {
  checkPolicy(policy);
  const zone = resolveTimeZone(timeZone);
  const t = DateTime.fromJSDate(earliest, { zone });
  let day = t.startOf('day');
  // A policy with at least one working day always finds one within eight local days.
  for (let i = 0; i < 8; i += 1) {
    if (policy.workingDays.includes(day.weekday)) {
      const start = atHour(day, policy.startHour);
      const end = atHour(day, policy.endHour);
      if (t < start) return start.toJSDate();
      if (t < end) return new Date(earliest.getTime());
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  throw new RangeError('No send time found within a week.');
}

/** The calendar day (yyyy-mm-dd) the instant falls on in the zone. */
export function localDay(instant: Date, timeZone: string | undefined): string {
  return DateTime.fromJSDate(instant, { zone: resolveTimeZone(timeZone) }).toISODate()!;
}

/** startHour on the first working day after the instant's local day. */
export function nextWorkingDayStart(
  instant: Date,
  timeZone: string | undefined,
  policy: SendPolicy = DEFAULT_POLICY,
): Date {
  checkPolicy(policy);
  const zone = resolveTimeZone(timeZone);
  let day = DateTime.fromJSDate(instant, { zone }).startOf('day');
  for (let i = 0; i < 8; i += 1) {
    day = day.plus({ days: 1 }).startOf('day');
    if (policy.workingDays.includes(day.weekday)) return atHour(day, policy.startHour).toJSDate();
  }
  throw new RangeError('No working day found within a week.');
}
