import { DateTime } from 'luxon';
import { z } from 'zod';
import { DATE_LIMITS, isCalendarDate } from '../../../contracts/dates';
import { ACTION_OWNERS, type ActionOwner, JOURNEY_LIMITS } from '../../../contracts/journey';
import { cleanText } from '../../../contracts/text';

/**
 * The pieces every journey card parser is built from: labelled text limits, a card toggle,
 * minutes, dates and times, and field errors in words a person understands. Limits come from
 * the journey contract (contracts/journey.ts), the same the API and the tab use.
 */

const L = JOURNEY_LIMITS;

export type FieldErrors = Record<string, string>;

export type InputResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Text from a card (multi-line allowed), under the one text rule (contracts/text.ts). */
export const text = (max: number, label: string) =>
  cleanText(z.string().trim().max(max, `${label} must be at most ${max} characters`), {
    multiLine: true,
  });

export const requiredText = (max: number, label: string) =>
  text(max, label).min(1, `Please write ${label.toLowerCase()}`);

export const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'true');

export const minutes = z
  .string({ message: 'Please say how long, in minutes' })
  .trim()
  .min(1, 'Please say how long, in minutes')
  .regex(/^\d+$/, 'Minutes must be a whole number')
  .transform(Number)
  .pipe(
    z
      .number()
      .min(
        L.meetingMinutesMin,
        `A meeting of under ${L.meetingMinutesMin} minutes does not count; check the number`,
      )
      .max(
        L.meetingMinutesMax,
        `That is more than ${L.meetingMinutesMax / 60} hours; check the number`,
      ),
  );

/** A real calendar date (the one date rule, contracts/dates.ts). */
export const isoDate = z
  .string({ message: 'Please choose a date' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Please choose a date')
  .refine(isCalendarDate, 'That date does not exist; choose one from the calendar');

export const isoTime = z
  .string({ message: 'Please choose a time' })
  .trim()
  .regex(/^\d{2}:\d{2}(:\d{2})?$/, 'Please choose a time');

export function isActionOwner(value: string): value is ActionOwner {
  return (ACTION_OWNERS as readonly string[]).includes(value);
}

export function collect(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

export function parse<T>(schema: z.ZodType<T>, input: unknown): InputResult<T> {
  const result = schema.safeParse(input ?? {});
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: collect(result.error) };
}

/** Why a meeting time still to come cannot be used (more than two years ahead), or undefined. */
export function tooFarAhead(instant: Date, now: Date): string | undefined {
  const limit = now.getTime() + DATE_LIMITS.meetingAheadDays * 24 * 3600_000;
  return instant.getTime() > limit
    ? 'That is more than two years ahead; check the year'
    : undefined;
}

/** A local date and time in `timeZone`, as a UTC instant, or an error for the date field. */
export function localDateTime(
  date: string,
  time: string,
  timeZone: string,
): { ok: true; instant: Date } | { ok: false; message: string } {
  const value = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!value.isValid) return { ok: false, message: 'That date or time does not exist' };
  return { ok: true, instant: value.toUTC().toJSDate() };
}
