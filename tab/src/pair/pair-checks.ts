import type { ZodType } from 'zod';
import {
  type GoalInput,
  type NewAction,
  type PreparationBody,
  type ReflectionBody,
  goalChangeSchema,
  newActionSchema,
  preparationBodySchema,
  reflectionBodySchema,
} from '../../../bot/src/contracts/journey';
import type { FieldErrors } from '../shared/use-form-submit';

/** Each refused field's message, by field; empty when the form may be sent. */
export type { FieldErrors };

/** The API's words as a sentence: 'must be at most 500 characters' → 'This must be at most…'. */
function sentence(message: string): string {
  return /^(is|must)\b/.test(message) ? `This ${message}.` : message;
}

/**
 * Checks a form's body with the journey contract's schema, the one the API applies, before it
 * is sent. `words` are the form's own words for a field left empty or unset; any other problem
 * (text too long, say) is the contract's.
 */
function check(schema: ZodType, body: unknown, words: FieldErrors): FieldErrors {
  const parsed = schema.safeParse(body);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '(body)';
    if (errors[field]) continue;
    const own = issue.code !== 'too_big' ? words[field] : undefined;
    errors[field] = own ?? sentence(issue.message);
  }
  return errors;
}

export function checkGoal(goal: GoalInput): FieldErrors {
  return check(goalChangeSchema, goal, { text: 'Write the goal before saving.' });
}

export function checkNewAction(action: NewAction): FieldErrors {
  return check(newActionSchema, action, {
    text: 'Write what was agreed.',
    dueDate: 'Choose a due date.',
  });
}

export function checkPreparation(preparation: PreparationBody): FieldErrors {
  return check(preparationBodySchema, preparation, {
    topics: 'Write at least one thing you want to cover.',
  });
}

export function checkReflection(reflection: ReflectionBody): FieldErrors {
  return check(reflectionBodySchema, reflection, {
    learned: 'Write what you learned or what you would do differently.',
  });
}
