import { useCallback, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { ApiRequestError } from '../app/api-client';

export type FieldErrors = Record<string, string>;

/** Sentence-cases the API's field message: 'is required' → 'This is required'. */
export function fieldErrorsFrom(error: ApiRequestError): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of error.fields) {
    const message = f.message.trim();
    errors[f.field] = /^(is|must)\b/.test(message) ? `This ${message}.` : message;
  }
  return errors;
}

export function describeFailure(error: unknown): string {
  return error instanceof ApiRequestError
    ? error.message
    : 'Something went wrong. Your text is kept; try again in a minute.';
}

/** Each field's problem, by field. */
export type FormErrors<F extends string> = Partial<Record<F, string>>;

/** What a check before sending found: the problems, or else what to send. */
export interface Checked<F extends string, T> {
  errors: FormErrors<F>;
  input?: T;
}

export interface FormSubmit<F extends string> {
  /** True while a save is under way: the submit button is disabled and says so. */
  saving: boolean;
  /** Each field's problem, shown next to it. */
  errors: FormErrors<F>;
  setErrors: Dispatch<SetStateAction<FormErrors<F>>>;
  /** A problem that belongs to no one field, shown above the fields. */
  problem: string | undefined;
  setProblem: Dispatch<SetStateAction<string | undefined>>;
  /** What the last save did, for the form's status line. */
  status: string;
  setStatus: Dispatch<SetStateAction<string>>;
  /**
   * Runs a save: clears the problems, marks the form as saving until it ends, and hands a
   * failure to `onFailure` (by default `fail`).
   */
  save: (action: () => Promise<void>, onFailure?: (error: unknown) => void) => Promise<void>;
  /** A failure the usual way: the API's field problems next to their fields, or else a problem. */
  fail: (error: unknown) => void;
  /**
   * Shows what the check before sending found, with focus on the first field with a problem;
   * gives what to send when it found none.
   */
  accept: <T>(checked: Checked<F, T>) => T | undefined;
  /** The API's problems next to their fields (focus on the first); the rest as the problem. */
  place: (placed: { errors: FormErrors<F>; unplaced: string[] }) => void;
}

/** A form's fields in the order they appear, and the element id of each, for focus. */
export interface FieldOrder<F extends string> {
  order: readonly F[];
  idOf: (field: F) => string;
}

/**
 * The state every form of the tab keeps while it saves: whether it is saving, the problems of
 * its fields, a problem for the whole form, and a status line. With `fields`, focus goes to
 * the first field with a problem.
 */
export function useFormSubmit<F extends string = string>(fields?: FieldOrder<F>): FormSubmit<F> {
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiRequestError && error.fields.length > 0) {
      setErrors(fieldErrorsFrom(error) as FormErrors<F>);
    } else {
      setProblem(describeFailure(error));
    }
  }, []);

  const save = useCallback(
    async (action: () => Promise<void>, onFailure: (error: unknown) => void = fail) => {
      setSaving(true);
      setErrors({});
      setProblem(undefined);
      try {
        await action();
      } catch (error) {
        onFailure(error);
      } finally {
        setSaving(false);
      }
    },
    [fail],
  );

  const focusFirst = (found: FormErrors<F>) => {
    const first = fields?.order.find((f) => found[f]);
    if (first) document.getElementById(fields!.idOf(first))?.focus();
  };

  function accept<T>(checked: Checked<F, T>): T | undefined {
    setProblem(undefined);
    setErrors(checked.errors);
    if (!checked.input) focusFirst(checked.errors);
    return checked.input;
  }

  function place(placed: { errors: FormErrors<F>; unplaced: string[] }) {
    setErrors(placed.errors);
    if (placed.unplaced.length > 0) setProblem(placed.unplaced.join('; '));
    focusFirst(placed.errors);
  }

  return {
    saving,
    errors,
    setErrors,
    problem,
    setProblem,
    status,
    setStatus,
    save,
    fail,
    accept,
    place,
  };
}
