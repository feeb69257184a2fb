import { type StorageCallTotals, takeStorageCallTotals } from './storage/storage-calls';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** What the process holds and how late its event loop runs (for the load benchmark). */
export interface ProcessMetrics {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  /** Event-loop delay since the previous reading, in milliseconds. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Storage calls, and attempts over the wire (retries), since the previous reading. */
  storageCalls: StorageCallTotals;
}

let histogram: IntervalHistogram | undefined;

function ms(nanoseconds: number): number {
  return Math.round((Number.isFinite(nanoseconds) ? nanoseconds : 0) / 1e4) / 100;
}

/**
 * Reads the process's memory and the event-loop delay measured since the last reading (the
 * first reading starts the monitor). Development only: served by `GET /api/dev/metrics`;
 * `collect` first runs a full garbage collection when the process was started with
 * `--expose-gc` (the benchmark starts it so: memory kept, not garbage not yet collected).
 */
export function readProcessMetrics(collect = false): ProcessMetrics & { collected: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) gc();
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
  }
  const memory = process.memoryUsage();
  const delay = {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  };
  histogram.reset();
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    eventLoopDelayMs: delay,
    storageCalls: takeStorageCallTotals(),
    collected: collect && gc !== undefined,
  };
}
