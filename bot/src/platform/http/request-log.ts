/** A request over this many milliseconds is logged (at info, marked `slow: true`) as slow. */
export const SLOW_REQUEST_MS = 1_000;

export type RequestLogLevel = 'error' | 'info' | 'debug';

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
  // A slow answer is worth a line, not an alarm: under a burst many are slow at once.
  if (request.ms > slowMs || request.status >= 400) return 'info';
  const reads =
    request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
  return reads ? 'debug' : 'info';
}
