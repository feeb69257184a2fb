import type { ZodError } from 'zod';
import { excerpt } from './text';

/**
 * One refused field, with words the person can act on. The API answers a list of these, a card
 * shows each under its input, and the tab shows each beside what was typed.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A zod failure as field problems: the path joined with dots, `(body)` for the whole input. */
export function problemsOf(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${excerpt(issue.keys.join(', '))}`
        : issue.message,
  }));
}
