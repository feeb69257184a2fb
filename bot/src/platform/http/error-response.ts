import { randomUUID } from 'node:crypto';
import type { Response } from 'restify';
import { ApiError } from './api-error';
import type { Logger } from '../logger';
import {
  ConflictError,
  NotFoundError,
  StorageUnavailableError,
  isUnavailable,
} from '../storage/errors';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    reference?: string;
    details?: unknown;
    current?: unknown;
  };
}

/** Maps any thrown error to a status and our JSON error body; unknown errors are logged with a reference. */
export function toErrorResponse(error: unknown, log: Logger): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.status, body };
  }
  if (error instanceof ConflictError) {
    return {
      status: 412,
      body: {
        error: {
          code: 'conflict',
          message: `${error.message}. Here is the latest version; nothing of yours was saved.`,
          current: error.current,
        },
      },
    };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, body: { error: { code: 'not_found', message: error.message } } };
  }
  if (error instanceof StorageUnavailableError || isUnavailable(error)) {
    log.warn({ err: error }, 'storage unavailable');
    return {
      status: 503,
      body: {
        error: {
          code: 'storage_unavailable',
          message: 'The service cannot reach its storage just now. Try again shortly.',
        },
      },
    };
  }
  const reference = randomUUID().slice(0, 8);
  log.error({ err: error, reference }, 'unhandled error in request');
  return {
    status: 500,
    body: {
      error: {
        code: 'internal_error',
        message: `Something went wrong on our side. Quote reference ${reference} if you contact support.`,
        reference,
      },
    },
  };
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
}
