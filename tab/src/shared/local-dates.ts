import { isCalendarDate } from '../../../bot/src/contracts/dates';

/**
 * Calendar dates in the person's locale. The wire always carries yyyy-mm-dd
 * (bot/src/contracts/dates.ts); people read and type dates the way their locale writes them
 * (en-GB: 07/03/2027, en-US: 03/07/2027, de-DE: 07.03.2027). Pure: Intl only.
 */

type Part = 'day' | 'month' | 'year';

export interface DatePattern {
  /** The order the locale writes day, month and year in. */
  order: Part[];
  /** What it writes between them. */
  separator: string;
  /** How the pattern reads for a hint: 'dd/mm/yyyy'. */
  words: string;
}

const SAMPLE = new Date(Date.UTC(2027, 2, 7));

export function datePattern(locale: string): DatePattern {
  const parts = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(SAMPLE);
  const order = parts
    .map((p) => p.type)
    .filter((t): t is Part => t === 'day' || t === 'month' || t === 'year');
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '/';
  const names: Record<Part, string> = { day: 'dd', month: 'mm', year: 'yyyy' };
  return {
    order: order.length === 3 ? order : ['day', 'month', 'year'],
    separator,
    words: order.map((p) => names[p]).join(separator.trim() || separator),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** '2027-03-07' → '07/03/2027' (en-GB); anything else as it is. */
export function formatIsoDate(iso: string, locale: string): string {
  if (!isCalendarDate(iso)) return iso;
  const [year, month, day] = iso.split('-');
  const pattern = datePattern(locale);
  const value: Record<Part, string> = { day: day!, month: month!, year: year! };
  return pattern.order.map((p) => value[p]).join(pattern.separator);
}

/** What a person typed ('7/3/2027', '07.03.2027') → '2027-03-07', or undefined if it is no real date. */
export function parseLocalDate(text: string, locale: string): string | undefined {
  const numbers = text
    .trim()
    .split(/[^0-9]+/)
    .filter(Boolean);
  if (numbers.length !== 3) return undefined;
  const { order } = datePattern(locale);
  const at = (p: Part) => Number(numbers[order.indexOf(p)]);
  const year = at('year');
  if (numbers[order.indexOf('year')]!.length !== 4) return undefined;
  const iso = `${pad(year, 4)}-${pad(at('month'))}-${pad(at('day'))}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** A Date at local midnight for a yyyy-mm-dd date (what a date picker holds). */
export function dateOfIso(iso: string): Date | undefined {
  if (!isCalendarDate(iso)) return undefined;
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(year!, month! - 1, day!);
}

/** The local calendar date of a Date, as yyyy-mm-dd. */
export function isoOfDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A calendar date in words: '7 March' this year, '7 March 2028' in another (en-GB). Read as a
 * calendar date, not an instant, so no time zone can move it a day.
 */
export function formatDayWords(iso: string, locale: string, now = new Date()): string {
  if (!isCalendarDate(iso)) return iso;
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    ...(year !== now.getFullYear() ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** An instant in the person's own zone and locale: 'Wednesday 10 March, 14:00' (en-GB). */
export function formatInstantWords(iso: string, locale: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(date.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** The first day of the week in the locale (0 Sunday … 6 Saturday); Monday when unknown. */
export function firstDayOfWeek(locale: string): number {
  try {
    const info =
      (
        new Intl.Locale(locale) as Intl.Locale & {
          getWeekInfo?: () => { firstDay: number };
          weekInfo?: { firstDay: number };
        }
      ).getWeekInfo?.() ??
      (new Intl.Locale(locale) as { weekInfo?: { firstDay: number } }).weekInfo;
    return info ? info.firstDay % 7 : 1;
  } catch {
    return 1;
  }
}
