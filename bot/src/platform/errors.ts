import type { ZodError } from 'zod';
import { type FieldProblem, problemsOf } from '../contracts/field-problem';

/**
 * The one error vocabulary. Every failure people can act on is an `AppError` with a
 * machine-readable `reason`; the reason is mapped once to an HTTP status (`statusOf` here,
 * used by platform/http/error-response.ts) and once to the words a card shows
 * (platform/teams/card-errors.ts). `code` is the stable wire code in the API's JSON body; it
 * defaults to the reason and is more specific where the API promised one (`event_full`).
 */

export type { FieldProblem };

/** Why something was refused or failed. */
export type Reason =
  /** The input is wrong; `details.fields` says which field and why. */
  | 'invalid'
  /** No valid sign-in. */
  | 'unauthorized'
  /** Signed in, but not allowed. Used sparingly: a thing you may not see is `not_found`. */
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  /** The thing is in a state where this cannot happen (full event, no contract yet…). */
  | 'conflict'
  /** Someone else changed it since you read it; nothing of yours was saved. */
  | 'stale'
  /** A conditional write came without the version it applies to. */
  | 'precondition_required'
  | 'too_large'
  | 'unsupported_media_type'
  /** Storage (or another dependency) cannot be reached just now. */
  | 'unavailable';

const STATUS: Record<Reason, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  stale: 412,
  too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  unavailable: 503,
};

/** The HTTP status for a reason: the one place this mapping lives. */
export function statusOfReason(reason: Reason): number {
  return STATUS[reason];
}

export interface AppErrorOptions {
  /** Stable wire code; defaults to a code derived from the reason. */
  code?: string;
  /** Extra facts for the caller (for `invalid`: `{ fields: FieldProblem[] }`). */
  details?: unknown;
  /** For `stale`: the latest version, so the caller can show it. */
  current?: unknown;
  cause?: unknown;
}

const DEFAULT_CODE: Partial<Record<Reason, string>> = {
  invalid: 'bad_request',
  stale: 'conflict',
  unavailable: 'storage_unavailable',
};

/** The base of every error the product raises on purpose. */
export class AppError extends Error {
  readonly code: string;
  readonly details?: unknown;
  readonly current?: unknown;

  constructor(
    readonly reason: Reason,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code ?? DEFAULT_CODE[reason] ?? reason;
    this.details = options.details;
    this.current = options.current;
  }

  get status(): number {
    return statusOfReason(this.reason);
  }

  /** An error with a wire code more specific than its reason (`event_full`, `malformed_json`). */
  static coded(reason: Reason, code: string, message: string, details?: unknown): AppError {
    return new AppError(reason, message, { code, details });
  }
  static badRequest(message: string, details?: unknown): AppError {
    return new AppError('invalid', message, { details });
  }
  /** Refused input: one problem per field, in the shape every surface shows beside the field. */
  static invalidFields(fields: FieldProblem[], code = 'invalid_body'): AppError {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new AppError('invalid', `Invalid request: ${summary}`, { code, details: { fields } });
  }
  static unauthorized(message = 'Sign in again: a valid bearer token is required'): AppError {
    return new AppError('unauthorized', message);
  }
  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError('forbidden', message);
  }
  static notFound(message = 'Not found'): AppError {
    return new AppError('not_found', message);
  }
  static tooLarge(limit: number): AppError {
    return new AppError('too_large', `The request body is larger than ${limit} bytes`, {
      code: 'payload_too_large',
    });
  }
}

/** The fields of an `invalid` error, or none. */
export function fieldProblemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof AppError) || error.reason !== 'invalid') return [];
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
}

/** A zod failure as a 400 whose message and details name each field. */
export function invalidBody(error: ZodError): AppError {
  return AppError.invalidFields(problemsOf(error));
}
