/** A request over this many milliseconds is logged at warn as slow. */
export const SLOW_REQUEST_MS = 1_000;

export type RequestLogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * The level of a request's one log line. Every error, slow request and write has a line at
 * info or above; a routine successful read is at debug, so a crowd opening the tab costs no
 * log volume (LOG_LEVEL=debug shows them all).
 */
export function requestLogLevel(
  request: { method: string; status: number; ms: number },
  slowMs = SLOW_REQUEST_MS,
): RequestLogLevel {
  if (request.status >= 500) return 'error';
  if (request.ms > slowMs) return 'warn';
  if (request.status >= 400) return 'info';
  const reads =
    request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
  return reads ? 'debug' : 'info';
}
