import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * What people submit from the journey cards, validated. Adaptive Card inputs arrive as strings;
 * each schema turns them into typed values or names the field that is wrong, in words a person
 * understands. Dates and times are in the person's own time zone and become UTC instants here.
 */

export type FieldErrors = Record<string, string>;

export type InputResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters`);

const requiredText = (max: number, label: string) =>
  text(max, label).min(1, `Please write ${label.toLowerCase()}`);

const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'true');

const minutes = z
  .string({ message: 'Please say how long, in minutes' })
  .trim()
  .min(1, 'Please say how long, in minutes')
  .regex(/^\d+$/, 'Minutes must be a whole number')
  .transform(Number)
  .pipe(
    z
      .number()
      .min(15, 'A meeting of under 15 minutes does not count; check the number')
      .max(480, 'That is more than 8 hours; check the number'),
  );

const isoDate = z
  .string({ message: 'Please choose a date' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Please choose a date');

const isoTime = z
  .string({ message: 'Please choose a time' })
  .trim()
  .regex(/^\d{2}:\d{2}(:\d{2})?$/, 'Please choose a time');

function collect(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): InputResult<T> {
  const result = schema.safeParse(input ?? {});
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: collect(result.error) };
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

export interface BookingInput {
  plannedAt: Date;
  minutes: number;
  mode: 'online' | 'in_person';
}

/** "I've booked it": when, how long, online or in person. Must be in the future. */
export function parseBooking(
  input: unknown,
  timeZone: string,
  now: Date,
): InputResult<BookingInput> {
  const base = parse(
    z.object({
      date: isoDate,
      time: isoTime,
      minutes,
      mode: z.enum(['online', 'in_person'], { message: 'Please choose online or in person' }),
    }),
    input,
  );
  if (!base.ok) return base;
  const when = localDateTime(base.value.date, base.value.time, timeZone);
  if (!when.ok) return { ok: false, errors: { date: when.message } };
  if (when.instant.getTime() <= now.getTime()) {
    return { ok: false, errors: { date: 'That time has passed; choose when you will meet' } };
  }
  return {
    ok: true,
    value: { plannedAt: when.instant, minutes: base.value.minutes, mode: base.value.mode },
  };
}

export interface PreparationInput {
  topics: string;
  share: boolean;
}

export function parsePreparation(input: unknown): InputResult<PreparationInput> {
  return parse(
    z.object({ topics: requiredText(2000, 'What you want to cover'), share: flag }),
    input,
  );
}

export type ReflectionOutcome = 'held' | 'rescheduled' | 'cancelled_by_me' | 'cancelled_by_partner';

export interface DraftAction {
  text: string;
  owner: 'me' | 'partner';
  dueDate: string;
}

export interface ReflectionInput {
  outcome: ReflectionOutcome;
  minutes?: number;
  rescheduledTo?: Date;
  learned: string;
  differently: string;
  share: boolean;
  actions: DraftAction[];
}

/** After a meeting: what happened, a private reflection, and up to three agreed actions. */
export function parseReflection(
  input: unknown,
  timeZone: string,
  now: Date,
): InputResult<ReflectionInput> {
  const raw = (input ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const outcome = z
    .enum(['held', 'rescheduled', 'cancelled_by_me', 'cancelled_by_partner'], {
      message: 'Please say whether the meeting happened',
    })
    .safeParse(raw.outcome);
  if (!outcome.success) errors.outcome = outcome.error.issues[0]!.message;

  let heldMinutes: number | undefined;
  if (outcome.success && outcome.data === 'held') {
    const m = minutes.safeParse(raw.minutes ?? '');
    if (m.success) heldMinutes = m.data;
    else errors.minutes = m.error.issues[0]!.message;
  }

  let rescheduledTo: Date | undefined;
  if (outcome.success && outcome.data === 'rescheduled') {
    const d = isoDate.safeParse(raw.newDate ?? '');
    const t = isoTime.safeParse(raw.newTime ?? '');
    if (!d.success) errors.newDate = 'Please choose the new date';
    else if (!t.success) errors.newTime = 'Please choose the new time';
    else {
      const when = localDateTime(d.data, t.data, timeZone);
      if (!when.ok) errors.newDate = when.message;
      else if (when.instant.getTime() <= now.getTime()) {
        errors.newDate = 'The new time has passed; choose when you will meet';
      } else rescheduledTo = when.instant;
    }
  }

  const words = z.object({
    learned: text(4000, 'What you learned').default(''),
    differently: text(4000, 'What you will do differently').default(''),
    share: flag,
  });
  const reflection = words.safeParse(raw);
  if (!reflection.success) Object.assign(errors, collect(reflection.error));

  const actions: DraftAction[] = [];
  for (const n of [1, 2, 3]) {
    const textValue = String(raw[`action${n}Text`] ?? '').trim();
    const owner = String(raw[`action${n}Owner`] ?? '');
    const due = String(raw[`action${n}Due`] ?? '').trim();
    if (!textValue && !due) continue;
    if (!textValue) errors[`action${n}Text`] = 'Please say what the action is, or clear its date';
    else if (textValue.length > 500)
      errors[`action${n}Text`] = 'An action must be at most 500 characters';
    if (owner !== 'me' && owner !== 'partner')
      errors[`action${n}Owner`] = 'Please say who will do it';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) errors[`action${n}Due`] = 'Please choose a due date';
    else if (
      DateTime.fromISO(due, { zone: timeZone }) <
      DateTime.fromJSDate(now, { zone: timeZone }).startOf('day')
    ) {
      errors[`action${n}Due`] = 'The due date has passed';
    }
    if (!errors[`action${n}Text`] && !errors[`action${n}Owner`] && !errors[`action${n}Due`]) {
      actions.push({ text: textValue, owner: owner as 'me' | 'partner', dueDate: due });
    }
  }

  if (Object.keys(errors).length > 0 || !outcome.success || !reflection.success) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      outcome: outcome.data,
      minutes: heldMinutes,
      rescheduledTo,
      learned: reflection.data.learned,
      differently: reflection.data.differently,
      share: reflection.data.share,
      actions,
    },
  };
}

export interface PauseInput {
  weeks?: number;
  reason?: string;
}

export function parsePause(input: unknown): InputResult<PauseInput> {
  return parse(
    z.object({
      weeks: z
        .string({ message: 'Please choose how long' })
        .regex(/^(2|4|8|until_resumed)$/, 'Please choose how long')
        .transform((v) => (v === 'until_resumed' ? undefined : Number(v))),
      reason: text(1000, 'A reason').optional(),
    }),
    input,
  );
}

export function parseEnd(input: unknown): InputResult<{ reason?: string }> {
  return parse(z.object({ reason: text(1000, 'A reason').optional() }), input);
}

export interface ReviewInput {
  wentWell: string;
  improve: string;
  choice: 'continue_informally' | 'finish';
}

export function parseReview(input: unknown): InputResult<ReviewInput> {
  return parse(
    z.object({
      wentWell: requiredText(4000, 'What went well'),
      improve: text(4000, 'What could improve'),
      choice: z.enum(['continue_informally', 'finish'], {
        message: 'Please choose whether to carry on informally or finish',
      }),
    }),
    input,
  );
}

export interface FitInput {
  rating: number;
  wantsCoordinator: boolean;
}

export function parseFit(input: unknown): InputResult<FitInput> {
  return parse(
    z.object({
      rating: z
        .string({ message: 'Please choose how it is going' })
        .regex(/^[1-5]$/, 'Please choose how it is going')
        .transform(Number),
      wantsCoordinator: flag,
    }),
    input,
  );
}

export interface ContractEditInput {
  confidentiality: string;
  frequency: string;
  mode: 'online' | 'in_person' | 'either';
  boundaries: string;
  pauseOrEnd: string;
  raisingConcerns: string;
}

export function parseContractEdit(input: unknown): InputResult<ContractEditInput> {
  return parse(
    z.object({
      confidentiality: requiredText(1500, 'Confidentiality'),
      frequency: requiredText(300, 'How often you meet'),
      mode: z.enum(['online', 'in_person', 'either'], { message: 'Please choose how you meet' }),
      boundaries: requiredText(1500, 'Boundaries'),
      pauseOrEnd: requiredText(1500, 'How to pause or end'),
      raisingConcerns: requiredText(1500, 'How to raise a concern'),
    }),
    input,
  );
}

export interface LogMeetingInput {
  heldAt: Date;
  minutes: number;
}

/** A meeting held outside the plan: when (not in the future) and how long. */
export function parseLogMeeting(
  input: unknown,
  timeZone: string,
  now: Date,
): InputResult<LogMeetingInput> {
  const base = parse(z.object({ date: isoDate, time: isoTime, minutes }), input);
  if (!base.ok) return base;
  const when = localDateTime(base.value.date, base.value.time, timeZone);
  if (!when.ok) return { ok: false, errors: { date: when.message } };
  if (when.instant.getTime() > now.getTime()) {
    return {
      ok: false,
      errors: { date: 'That is in the future; to plan a meeting, use "next meeting"' },
    };
  }
  return { ok: true, value: { heldAt: when.instant, minutes: base.value.minutes } };
}
