import type { Job } from './job';
import { earliest, placeFor } from './buckets';
import { lowerWatermark } from './due-scan';
import {
  type CompletionDetail,
  type Entity,
  type JobRecord,
  normalise,
  progressFields,
  toJob,
  toJobEntity,
  toJobRecord,
} from './job-rows';
import type { JobTables } from './job-tables';
import { eachLimited } from '../batch';
import {
  encodeKey,
  getRow,
  num,
  optStr,
  str,
  tryDeleteRow,
  tryInsertRow,
  tryUpdateRow,
  upsertRow,
} from '../versioned';

/** Placing jobs: scheduling each id once, moving a pending job to a new time, reading one back. */

export interface ScheduleResult {
  scheduled: number;
  alreadyScheduled: number;
}

/** Adds jobs that are not scheduled yet; an id already scheduled is left exactly as it is. */
export async function scheduleJobs(
  tables: JobTables,
  jobs: Job[],
  concurrency: number,
): Promise<ScheduleResult> {
  const result: ScheduleResult = { scheduled: 0, alreadyScheduled: 0 };
  if (jobs.length === 0) return result;
  const now = tables.clock();
  const planned = jobs.map(normalise).map((job) => ({ job, bucket: placeFor(job.dueAt, now) }));
  // Before any row exists, so a concurrent tick cannot move the watermark past it.
  await lowerWatermark(tables, planned.map((p) => p.bucket).reduce(earliest));
  await eachLimited(planned, concurrency, async ({ job, bucket }) => {
    if (await scheduleOne(tables, job, bucket)) result.scheduled++;
    else result.alreadyScheduled++;
  });
  return result;
}

async function scheduleOne(tables: JobTables, job: Job, bucket: string): Promise<boolean> {
  const key = encodeKey(job.id);
  const indexed = await tryInsertRow(tables.index, {
    partitionKey: key,
    rowKey: '',
    bucket,
    dueAt: job.dueAt,
  });
  if (indexed === undefined) {
    await restoreRow(tables, job);
    return false;
  }
  await tables.ensureDay(bucket);
  await tryInsertRow(tables.jobsIn(bucket), toJobEntity(job, bucket));
  return true;
}

/** A process that died between the index insert and the row insert left an index only. */
async function restoreRow(tables: JobTables, job: Job): Promise<void> {
  const key = encodeKey(job.id);
  const index = await getRow(tables.index, key, '');
  if (!index) return;
  const bucket = str(index, 'bucket');
  await tables.ensureDay(bucket);
  if (await getRow(tables.jobsIn(bucket), bucket, key)) return;
  await tryInsertRow(
    tables.jobsIn(bucket),
    toJobEntity({ ...job, dueAt: str(index, 'dueAt') }, bucket),
  );
}

/**
 * Moves a pending job to a new due time (a quiet-hours push, a retry). The JobIndex ETag
 * makes concurrent moves of one job safe; false when the job is unknown or no longer pending.
 *
 * Order matters because the two rows are in different partitions (no transaction): the old
 * row is flagged `moved` first, then the index is switched, then the new row written, then
 * the old row deleted. A crash anywhere leaves a flagged row, which `claim()` checks against
 * the index and tidies, so the job neither runs twice nor gets lost.
 */
export async function rescheduleJob(
  tables: JobTables,
  jobId: string,
  newDueAt: Date | string,
  progress?: CompletionDetail,
): Promise<boolean> {
  const dueAt = new Date(newDueAt).toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const outcome = await tryMove(tables, jobId, dueAt, progress);
    if (outcome !== 'retry') return outcome === 'moved';
  }
  return false;
}

async function tryMove(
  tables: JobTables,
  jobId: string,
  dueAt: string,
  progress?: CompletionDetail,
): Promise<'moved' | 'refused' | 'retry'> {
  const key = encodeKey(jobId);
  const index = await getRow(tables.index, key, '');
  if (!index) return 'refused';
  const from = str(index, 'bucket');
  const row = await getRow(tables.jobsIn(from), from, key);
  if (!row || str(row, 'status') !== 'pending') return 'refused';
  const to = placeFor(dueAt, tables.clock());
  const changes = { dueAt, ...progressFields(progress) };
  if (to === from) {
    const same = await tryUpdateRow(
      tables.jobsIn(from),
      { partitionKey: from, rowKey: key, ...changes },
      row.etag,
    );
    return same === undefined ? 'retry' : 'moved';
  }
  const flagged = await tryUpdateRow(
    tables.jobsIn(from),
    { partitionKey: from, rowKey: key, moved: true },
    row.etag,
  );
  if (flagged === undefined) return 'retry';
  const switched = await tryUpdateRow(
    tables.index,
    { partitionKey: key, rowKey: '', bucket: to, dueAt },
    index.etag,
    'Replace',
  );
  if (switched === undefined) return 'retry';
  const moved: Entity = {
    ...toJobEntity(toJob(row), to),
    attempts: num(row, 'attempts'),
    ...changes,
  };
  const lastError = optStr(row, 'lastError');
  if (lastError !== undefined && progress?.reason === undefined) moved.lastError = lastError;
  await tables.ensureDay(to);
  await upsertRow(tables.jobsIn(to), moved);
  await tryDeleteRow(tables.jobsIn(from), from, key, flagged);
  return 'moved';
}

/** The job, where it is and how it went. */
export async function readJob(tables: JobTables, jobId: string): Promise<JobRecord | undefined> {
  const key = encodeKey(jobId);
  const index = await getRow(tables.index, key, '');
  if (!index) return undefined;
  const bucket = str(index, 'bucket');
  const row = await getRow(tables.jobsIn(bucket), bucket, key);
  return row ? toJobRecord(row) : undefined;
}
