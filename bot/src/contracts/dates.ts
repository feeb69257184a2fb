import * as z from 'zod';

/**
 * The one date rule. A date a person gives is a real calendar date written the ISO way, in a
 * range a programme can use; an instant carries its time and its zone (`Z` or `+01:00`), so
 * `"1"`, `2027-02-31`, `9999-99-99` and year +275760 are refused with words, never stored.
 * The ranges that depend on today (an event not in the past, at most two years ahead; a due
 * date within the programme and a margin) are checked by the functions below, given "now"
 * and the person's own zone. Pure (zod and Intl only): the tab checks its forms with it too.
 */

export const DATE_LIMITS = {
  /** No date a programme uses is before this year… */
  earliestYear: 2000,
  /** …or after this one. */
  latestYear: 2100,
  /** A new event starts at most this many days ahead (two years). */
  eventAheadDays: 731,
  /** A due date may fall this many days either side of the programme's dates. */
  dueMarginDays: 92,
  /** A meeting is booked at most this many days ahead (two years). */
  meetingAheadDays: 731,
} as const;

const DAY_MS = 24 * 3600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

function realDay(year: number, month: number, day: number): boolean {
  if (year < DATE_LIMITS.earliestYear || year > DATE_LIMITS.latestYear) return false;
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** True for a real calendar date written yyyy-mm-dd, in the years a programme can use. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * The instant an ISO-8601 date and time with its zone stands for, in milliseconds; undefined
 * for anything else (no zone, a day or hour that does not exist, a year out of range).
 */
export function instantOf(value: string): number | undefined {
  const m = INSTANT.exec(value);
  if (!m) return undefined;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[8] !== 'Z' && (Number(m[9]) > 14 || Number(m[10]) > 59)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

const DATE_WORDS = 'must be a real date written yyyy-mm-dd';
const INSTANT_WORDS =
  'must be a real date and time with its zone, like 2027-03-01T09:00:00Z or 2027-03-01T09:00:00+01:00';

/** A calendar date field (yyyy-mm-dd). */
export const calendarDate = (required = 'is required (yyyy-mm-dd)') =>
  z.string({ message: required }).trim().refine(isCalendarDate, DATE_WORDS);

/** A date-and-time field (ISO 8601 with its zone). */
export const isoInstant = (required = 'is required (an ISO-8601 date and time)') =>
  z
    .string({ message: required })
    .trim()
    .refine((v) => instantOf(v) !== undefined, INSTANT_WORDS);

/** Today's date (yyyy-mm-dd) in the person's zone. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The date `days` after `date` (both yyyy-mm-dd; `days` may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A programme's first and last days (yyyy-mm-dd). */
export interface ProgrammeDates {
  startDate: string;
  endDate: string;
}

/**
 * Why a due date cannot be used, or undefined: it must be a real date, not before `today` (the
 * person's, when given) and, given the `programme`, within its dates and `dueMarginDays` either
 * side.
 */
export function dueDateProblem(
  due: string,
  { today, programme }: { today?: string; programme?: ProgrammeDates } = {},
): string | undefined {
  if (!isCalendarDate(due)) return 'That is not a real date; choose one from the calendar';
  if (today && due < today) return 'The due date has passed';
  if (!programme) return undefined;
  const first = addDays(programme.startDate, -DATE_LIMITS.dueMarginDays);
  const last = addDays(programme.endDate, DATE_LIMITS.dueMarginDays);
  if (due < first || due > last) {
    return `Choose a due date between ${first} and ${last} (the programme and ${DATE_LIMITS.dueMarginDays} days either side)`;
  }
  return undefined;
}

/**
 * Why an event's start (or end) cannot be used, or undefined: at most `eventAheadDays` ahead
 * and, unless `mayBePast` (an edit that keeps an earlier start), not in the past.
 */
export function eventTimeProblem(
  value: string,
  now: Date,
  { mayBePast = false }: { mayBePast?: boolean } = {},
): string | undefined {
  const at = instantOf(value);
  if (at === undefined) return INSTANT_WORDS;
  if (!mayBePast && at < now.getTime()) {
    return 'is in the past; choose a date and time still to come';
  }
  if (at > now.getTime() + DATE_LIMITS.eventAheadDays * DAY_MS) {
    return 'must be at most two years ahead';
  }
  return undefined;
}
