import { z } from 'zod';
import type { ProgrammeDates } from '../../../contracts/dates';
import {
  CONTRACT_MODES,
  type ContractMode,
  JOURNEY_LIMITS,
  MEETING_MODES,
  type MeetingMode,
  REVIEW_CHOICES,
  type ReviewChoice,
} from '../../../contracts/journey';
import {
  type FieldErrors,
  type InputResult,
  collect,
  flag,
  isoDate,
  isoTime,
  localDateTime,
  minutes,
  parse,
  requiredText,
  text,
  tooFarAhead,
} from './input-fields';

/**
 * What people submit from the journey cards, validated. Adaptive Card inputs arrive as strings;
 * each schema turns them into typed values or names the field that is wrong, in words a person
 * understands. Dates and times are in the person's own time zone and become UTC instants here.
 * Every limit is the journey contract's (contracts/journey.ts), the same the API and the tab use.
 */

export { type FieldErrors, type InputResult, localDateTime } from './input-fields';
export {
  ACTION_SLOTS,
  type DraftAction,
  type ReflectionInput,
  type ReflectionOutcome,
  parseReflection,
} from './reflection-input';

const L = JOURNEY_LIMITS;

export interface BookingInput {
  plannedAt: Date;
  minutes: number;
  mode: MeetingMode;
  /** The person confirmed a time outside the meeting's window (see booking-placement.ts). */
  confirmOutsideWindow?: boolean;
}

/**
 * "I've booked it": when, how long, online or in person. Must be in the future. Every field's
 * problem is named at once: a wrong length does not hide a time that has passed.
 */
export function parseBooking(
  input: unknown,
  timeZone: string,
  now: Date,
): InputResult<BookingInput> {
  const base = z
    .object({
      date: isoDate,
      time: isoTime,
      minutes,
      mode: z.enum(MEETING_MODES, { message: 'Please choose online or in person' }),
    })
    .safeParse(input ?? {});
  const errors: FieldErrors = base.success ? {} : collect(base.error);
  const fields = (input ?? {}) as Record<string, unknown>;
  const date = isoDate.safeParse(fields.date);
  const time = isoTime.safeParse(fields.time);
  let plannedAt: Date | undefined;
  if (date.success && time.success) {
    const when = localDateTime(date.data, time.data, timeZone);
    const problem = !when.ok
      ? when.message
      : when.instant.getTime() <= now.getTime()
        ? 'That time has passed; choose when you will meet'
        : tooFarAhead(when.instant, now);
    if (problem) errors.date = problem;
    else if (when.ok) plannedAt = when.instant;
  }
  if (!base.success || !plannedAt || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  const confirmed = fields.confirmOutsideWindow === true || fields.confirmOutsideWindow === 'true';
  const value: BookingInput = { plannedAt, minutes: base.data.minutes, mode: base.data.mode };
  if (confirmed) value.confirmOutsideWindow = true;
  return { ok: true, value };
}

export interface PreparationInput {
  topics: string;
  share: boolean;
}

export function parsePreparation(input: unknown): InputResult<PreparationInput> {
  return parse(
    z.object({ topics: requiredText(L.preparationTopics, 'What you want to cover'), share: flag }),
    input,
  );
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
      reason: text(L.changeReason, 'A reason').optional(),
    }),
    input,
  );
}

export function parseEnd(input: unknown): InputResult<{ reason?: string }> {
  return parse(z.object({ reason: text(L.changeReason, 'A reason').optional() }), input);
}

export interface ReviewInput {
  wentWell: string;
  improve: string;
  choice: ReviewChoice;
}

export function parseReview(input: unknown): InputResult<ReviewInput> {
  return parse(
    z.object({
      wentWell: requiredText(L.reviewText, 'What went well'),
      improve: text(L.reviewText, 'What could improve'),
      choice: z.enum(REVIEW_CHOICES, {
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
  mode: ContractMode;
  boundaries: string;
  pauseOrEnd: string;
  raisingConcerns: string;
}

export function parseContractEdit(input: unknown): InputResult<ContractEditInput> {
  return parse(
    z.object({
      confidentiality: requiredText(L.contractTerm, 'Confidentiality'),
      frequency: requiredText(L.contractFrequency, 'How often you meet'),
      mode: z.enum(CONTRACT_MODES, { message: 'Please choose how you meet' }),
      boundaries: requiredText(L.contractTerm, 'Boundaries'),
      pauseOrEnd: requiredText(L.contractTerm, 'How to pause or end'),
      raisingConcerns: requiredText(L.contractTerm, 'How to raise a concern'),
    }),
    input,
  );
}

export interface LogMeetingInput {
  heldAt: Date;
  minutes: number;
}

/**
 * A meeting held outside the plan: when (not in the future and, given the `programme`, not
 * before it began) and how long.
 */
export function parseLogMeeting(
  input: unknown,
  timeZone: string,
  now: Date,
  programme?: ProgrammeDates,
): InputResult<LogMeetingInput> {
  const base = parse(z.object({ date: isoDate, time: isoTime, minutes }), input);
  if (!base.ok) return base;
  if (programme && base.value.date < programme.startDate) {
    return {
      ok: false,
      errors: {
        date: `That is before the programme began (${programme.startDate}); check the year`,
      },
    };
  }
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
