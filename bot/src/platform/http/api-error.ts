import type { ZodError } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error the API answers with: status, a stable code, and a message people can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(message: string, details?: unknown): ApiError {
    return new ApiError(400, 'bad_request', message, details);
  }
  static unauthorized(message = 'Sign in again: a valid bearer token is required'): ApiError {
    return new ApiError(401, 'unauthorized', message);
  }
  static forbidden(message = 'You are not allowed to do this'): ApiError {
    return new ApiError(403, 'forbidden', message);
  }
  static notFound(message = 'Not found'): ApiError {
    return new ApiError(404, 'not_found', message);
  }
  static tooLarge(limit: number): ApiError {
    return new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);
  }
}

/** Turns a zod failure into a 400 whose message names each field. */
export function invalidBody(error: ZodError): ApiError {
  const fields: FieldProblem[] = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
        : issue.message,
  }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ApiError(400, 'invalid_body', `Invalid request: ${summary}`, { fields });
}
