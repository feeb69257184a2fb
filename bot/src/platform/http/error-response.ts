import { randomUUID } from 'node:crypto';
import type { Response } from 'restify';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { StorageUnavailableError, isUnavailable } from '../storage/errors';
import { versionForHttp } from './etag';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    reference?: string;
    details?: unknown;
    current?: unknown;
  };
}

/** The words a person reads for each reason whose message is not enough on its own. */
function publicMessage(error: AppError): string {
  if (error.reason === 'stale' && error.current !== undefined)
    return `${error.message}. Here is the latest version; nothing of yours was saved.`;
  if (error.reason === 'unavailable')
    return 'The service cannot reach its storage just now. Try again shortly.';
  return error.message;
}

/**
 * Maps any thrown error to a status and our JSON error body: an AppError by its reason (the one
 * mapping, in platform/errors.ts); an SDK error that means storage is down as `unavailable`;
 * anything else is a 500, logged with a reference the person can quote.
 */
export function toErrorResponse(error: unknown, log: Logger): { status: number; body: ErrorBody } {
  const known =
    error instanceof AppError
      ? error
      : isUnavailable(error)
        ? new StorageUnavailableError(error)
        : undefined;
  if (known) {
    if (known.reason === 'unavailable') log.warn({ err: error }, 'storage unavailable');
    const body: ErrorBody = { error: { code: known.code, message: publicMessage(known) } };
    if (known.details !== undefined) body.error.details = known.details;
    if (known.reason === 'stale' && known.current !== undefined)
      body.error.current = versionForHttp(known.current);
    return { status: known.status, body };
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
