import { AsyncLocalStorage } from 'node:async_hooks';
import { tableOf } from './read-coalescer';

/**
 * What one piece of work (an HTTP request) asked of storage: how many calls, how many attempts
 * went over the wire (a retry is a second attempt of one call), and how long they took. A slow
 * request's log line carries these, so it says whether the time went waiting on storage (and on
 * which kind of call) or elsewhere (issue 18).
 */
export interface StorageCallStats {
  calls: number;
  attempts: number;
  /** Milliseconds from the first call's start to the last call's end (calls overlap). */
  spanMs: number;
  /** The longest single call, retries and waiting for a socket included. */
  slowestMs: number;
  /** "GET Participants" and so on: the method and table of the longest call. */
  slowest?: string;
}

/** Calls and attempts made by the whole process since the last `takeStorageCallTotals()`. */
export interface StorageCallTotals {
  calls: number;
  attempts: number;
}

const current = new AsyncLocalStorage<StorageCallStats & { firstAt?: number }>();
let totals: StorageCallTotals = { calls: 0, attempts: 0 };

/** Runs `work` with a fresh record of its storage calls; returns both. */
export function withStorageCallStats<T>(work: () => T): {
  stats: () => StorageCallStats;
  result: T;
} {
  const record: StorageCallStats & { firstAt?: number } = {
    calls: 0,
    attempts: 0,
    spanMs: 0,
    slowestMs: 0,
  };
  const result = current.run(record, work);
  const stats = (): StorageCallStats => {
    const { firstAt: _, ...seen } = record;
    return seen;
  };
  return { stats, result };
}

/** The process's totals since the previous reading (the reading starts a new count). */
export function takeStorageCallTotals(): StorageCallTotals {
  const taken = totals;
  totals = { calls: 0, attempts: 0 };
  return taken;
}

/** `GET Participants` from a table request's method and URL (the table, never the keys). */
function describe(method: string, url: string): string {
  return `${method} ${tableOf(url) ?? '(transaction)'}`;
}

/** Called as a storage call starts (once per call, retries included); returns its end. */
export function startStorageCall(method: string, url: string): () => void {
  totals.calls++;
  const stats = current.getStore();
  if (!stats) return () => undefined;
  const started = performance.now();
  stats.calls++;
  const first = (stats.firstAt ??= started);
  return () => {
    const ended = performance.now();
    stats.spanMs = Math.round(ended - first);
    if (ended - started > stats.slowestMs) {
      stats.slowestMs = Math.round(ended - started);
      stats.slowest = describe(method, url);
    }
  };
}

/** Called as each attempt of a call goes over the wire. */
export function noteStorageAttempt(): void {
  totals.attempts++;
  const stats = current.getStore();
  if (stats) stats.attempts++;
}
