import { type ProgrammeDates, dueDateProblem, todayIn } from '../../../contracts/dates';
import { textProblem } from '../../../contracts/text';
import { z } from 'zod';
import {
  type ActionOwner,
  JOURNEY_LIMITS,
  REFLECTION_OUTCOMES,
  type ReflectionOutcome,
} from '../../../contracts/journey';
import {
  type FieldErrors,
  type InputResult,
  collect,
  flag,
  isActionOwner,
  isoDate,
  isoTime,
  localDateTime,
  minutes,
  text,
  tooFarAhead,
} from './input-fields';

const L = JOURNEY_LIMITS;

export type { ReflectionOutcome };

export interface DraftAction {
  text: string;
  owner: ActionOwner;
  dueDate: string;
}

export interface ReflectionInput {
  outcome: ReflectionOutcome;
  minutes?: number;
  rescheduledTo?: Date;
  learned: string;
  doDifferently: string;
  share: boolean;
  actions: DraftAction[];
}

/** The action slots of the reflection card: 1, 2, 3. */
export const ACTION_SLOTS = Array.from({ length: L.reflectionActions }, (_, i) => i + 1);

/**
 * After a meeting: what happened, a private reflection, and up to three agreed actions. A card
 * sent before the field was named `doDifferently` posts it as `differently`; both are read.
 * An action's due date is a real date, not past in the person's zone and, given the
 * `programme`'s dates, within them and the one date rule's margin (contracts/dates.ts).
 */
export function parseReflection(
  input: unknown,
  timeZone: string,
  now: Date,
  programme?: ProgrammeDates,
): InputResult<ReflectionInput> {
  const raw = (input ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const outcome = z
    .enum(REFLECTION_OUTCOMES, {
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
      } else if (tooFarAhead(when.instant, now)) {
        errors.newDate = tooFarAhead(when.instant, now)!;
      } else rescheduledTo = when.instant;
    }
  }

  const words = z.object({
    learned: text(L.reflectionText, 'What you learned').default(''),
    doDifferently: text(L.reflectionText, 'What you will do differently').default(''),
    share: flag,
  });
  const reflection = words.safeParse({
    learned: raw.learned,
    doDifferently: raw.doDifferently ?? raw.differently,
    share: raw.share,
  });
  if (!reflection.success) Object.assign(errors, collect(reflection.error));

  const actions: DraftAction[] = [];
  for (const n of ACTION_SLOTS) {
    const textValue = String(raw[`action${n}Text`] ?? '').trim();
    const owner = String(raw[`action${n}Owner`] ?? '');
    const due = String(raw[`action${n}Due`] ?? '').trim();
    if (!textValue && !due) continue;
    if (!textValue) errors[`action${n}Text`] = 'Please say what the action is, or clear its date';
    else if (textValue.length > L.actionText)
      errors[`action${n}Text`] = `An action must be at most ${L.actionText} characters`;
    else if (textProblem(textValue))
      errors[`action${n}Text`] = `The action ${textProblem(textValue)}`;
    if (!isActionOwner(owner)) errors[`action${n}Owner`] = 'Please say who will do it';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) errors[`action${n}Due`] = 'Please choose a due date';
    else {
      const problem = dueDateProblem(due, { today: todayIn(timeZone, now), programme });
      if (problem) errors[`action${n}Due`] = problem;
    }
    if (!errors[`action${n}Text`] && !errors[`action${n}Owner`] && !errors[`action${n}Due`]) {
      actions.push({ text: textValue, owner: owner as ActionOwner, dueDate: due });
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
      doDifferently: reflection.data.doDifferently,
      share: reflection.data.share,
      actions,
    },
  };
}
