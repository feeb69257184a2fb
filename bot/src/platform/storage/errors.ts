import { AppError } from '../errors';

/**
 * Errors the store raises. Each is an AppError with its reason, so the HTTP layer and the cards
 * map them like any other (platform/http/error-response.ts, platform/teams/card-errors.ts).
 */

/** A write that lost to someone else's: nothing was saved; `current` is the latest version. */
export class ConflictError extends AppError {
  constructor(message: string, current?: unknown) {
    super('stale', message, { current });
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'NotFoundError';
  }
}

export class StorageUnavailableError extends AppError {
  constructor(cause: unknown) {
    super('unavailable', `Storage is unavailable: ${describe(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  name?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
]);

export function statusOf(error: unknown): number | undefined {
  return (error as RestErrorLike | undefined)?.statusCode;
}

/** Storage error codes that mean the request was wrong (a bad key or value), not an outage. */
const BAD_INPUT_CODES = new Set([
  'InvalidInput',
  'OutOfRangeInput',
  'InvalidResourceName',
  'PropertyValueTooLarge',
  'KeyValueTooLarge',
  'EntityTooLarge',
  'InvalidDuplicateRow',
]);

/** The storage service's own error code (`odata.error.code`), when it gave one. */
function storageCode(error: unknown): string | undefined {
  const details = (error as { details?: { odataError?: { code?: unknown } } } | undefined)?.details;
  const code = details?.odataError?.code ?? (error as RestErrorLike | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when the storage service could not be reached or answered as unavailable. Storage that
 * answered that the request was wrong (any 4xx, or a code such as `InvalidInput` for a bad key)
 * is up: that is never reported as an outage.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const e = error as RestErrorLike & { cause?: unknown };
  if (e?.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return false;
  const code = storageCode(error);
  if (code && BAD_INPUT_CODES.has(code)) return false;
  if (e?.code && NETWORK_CODES.has(e.code)) return true;
  if (e?.statusCode !== undefined && e.statusCode >= 500) return true;
  if (e?.name === 'AbortError') return true;
  if (e?.cause && e.cause !== error) return isUnavailable(e.cause);
  return false;
}

/** Re-throws an SDK error as one of ours where it means something to callers. */
export function translate(error: unknown): never {
  if (isUnavailable(error)) throw new StorageUnavailableError(error);
  throw error;
}
