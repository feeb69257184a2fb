import { odata } from '@azure/data-tables';
import { addMinutes, bucketOf, daysBetween, earliest, pickBucket } from './buckets';
import { type DueJob, toDueJob } from './job-rows';
import type { JobTables } from './job-tables';
import { getRow, pagesOf, str, tryInsertRow, tryUpdateRow } from '../versioned';

/**
 * Finding due work: a tick reads one PartitionKey range of due buckets, from the watermark to
 * now, never the whole table; the watermark then moves up past the buckets it found done.
 */

export const DEFAULT_DUE_LIMIT = 1000;
/** A tick re-reads the last few minutes, so a job inserted while it ran is never skipped. */
export const WATERMARK_LAG_MINUTES = 5;
/** One week: any realistic outage is read in one tick; longer ones catch up a week per tick. */
export const MAX_RANGE_MINUTES = 7 * 24 * 60;

const WATERMARK_PK = 'watermark';
/** The service answers at most 1000 entities per page. */
const MAX_PAGE = 1000;

export interface DueWindow {
  /** How far behind now the watermark stays, to absorb slow inserts and clock skew. */
  lagMinutes: number;
  /** The widest bucket range one `due()` reads. */
  maxRangeMinutes: number;
}

interface Scan {
  due: DueJob[];
  firstPending?: string;
  complete: boolean;
}

/**
 * Pending jobs due by `now`, oldest first, at most `limit`. Reads one PartitionKey range from
 * the watermark to the current minute (capped at `maxRangeMinutes`), then moves the watermark
 * up to the first bucket that still holds pending work, but never closer than the lag to now.
 */
export async function findDue(
  tables: JobTables,
  window: DueWindow,
  now: Date,
  limit: number,
): Promise<DueJob[]> {
  const mark = await getRow(tables.state, WATERMARK_PK, '');
  if (!mark) return []; // nothing was ever scheduled
  const from = str(mark, 'bucket');
  const to = earliest(bucketOf(now), addMinutes(from, window.maxRangeMinutes));
  if (from > to) return [];
  const scan = await scanPending(tables, from, to, now, limit);
  const clear = scan.firstPending ?? (scan.complete ? addMinutes(to, 1) : from);
  const next = earliest(clear, bucketOf(new Date(now.getTime() - window.lagMinutes * 60_000)));
  // A lost race means another tick or a schedule() moved it; both are right, so keep theirs.
  if (next > from)
    await tryUpdateRow(tables.state, { ...watermarkKeys(), bucket: next }, mark.etag);
  return scan.due;
}

/** Reads pending rows from `from` to `to`, one day table at a time, oldest first. */
async function scanPending(
  tables: JobTables,
  from: string,
  to: string,
  now: Date,
  limit: number,
): Promise<Scan> {
  const scan: Scan = { due: [], complete: true };
  for (const day of daysBetween(from, to)) {
    const low = pickBucket(from, `${day}0000`, 'max');
    const high = pickBucket(to, `${day}2359`, 'min');
    const filter = odata`PartitionKey ge ${low} and PartitionKey le ${high} and status eq ${'pending'}`;
    // No table for a day: nothing was due that day.
    for await (const page of pagesOf(
      tables.jobsIn(`${day}0000`),
      filter,
      Math.min(limit, MAX_PAGE),
    )) {
      for (const row of page) {
        scan.firstPending ??= str(row, 'partitionKey');
        if (Date.parse(str(row, 'dueAt')) <= now.getTime()) scan.due.push(toDueJob(row));
      }
      if (scan.due.length >= limit) {
        scan.complete = false;
        break;
      }
    }
    if (!scan.complete) break;
  }
  scan.due = scan.due.slice(0, limit);
  return scan;
}

/** The oldest bucket that may still hold pending work; undefined before the first schedule. */
export async function readWatermark(tables: JobTables): Promise<string | undefined> {
  const mark = await getRow(tables.state, WATERMARK_PK, '');
  return mark ? str(mark, 'bucket') : undefined;
}

/** Moves the watermark back to `bucket` unless it is there already. */
export async function lowerWatermark(tables: JobTables, bucket: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const mark = await getRow(tables.state, WATERMARK_PK, '');
    if (mark && str(mark, 'bucket') <= bucket) return;
    const entity = { ...watermarkKeys(), bucket };
    const written = mark
      ? await tryUpdateRow(tables.state, entity, mark.etag, 'Replace')
      : await tryInsertRow(tables.state, entity);
    if (written !== undefined) return;
  }
  throw new Error('Could not lower the scheduler watermark: too much contention');
}

function watermarkKeys() {
  return { partitionKey: WATERMARK_PK, rowKey: '' };
}
