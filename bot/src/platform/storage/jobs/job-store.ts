import type { Job } from './job';
import { DEFAULT_LEASE_MS, JobClaims } from './job-claims';
import type { CompletionDetail, DueJob, JobOutcome, JobRecord } from './job-rows';
import { JobTables } from './job-tables';
import { type ScheduleResult, readJob, rescheduleJob, scheduleJobs } from './job-scheduling';
import {
  DEFAULT_DUE_LIMIT,
  MAX_RANGE_MINUTES,
  WATERMARK_LAG_MINUTES,
  findDue,
  readWatermark,
} from './due-scan';
import type { TableStore } from '../table-store';

/**
 * Scheduled jobs with exactly-once hand-out, on one instance or many (docs/journey.md,
 * "Exactly once"; keys in docs/storage.md). The store's one face; the work is split by concern:
 *
 * - buckets.ts: one due bucket per UTC minute, and the arithmetic on them;
 * - job-tables.ts: the tables (Jobs per day, JobIndex, JobClaims, SchedulerState);
 * - job-rows.ts: rows to jobs and back;
 * - job-scheduling.ts: scheduling each id once, and moving a pending job;
 * - due-scan.ts: the due-bucket range a tick reads, and the watermark;
 * - job-claims.ts: claims and leases, completion and release.
 *
 * Every read and conditional write goes through the storage helpers in ../versioned.ts.
 */

export { addMinutes, bucketOf, bucketStart } from './buckets';
export { DEFAULT_DUE_LIMIT, MAX_RANGE_MINUTES, WATERMARK_LAG_MINUTES } from './due-scan';
export { DEFAULT_LEASE_MS } from './job-claims';
export {
  type CompletionDetail,
  type DueJob,
  type JobOutcome,
  type JobRecord,
  type JobStatus,
  toJobEntity,
} from './job-rows';
export type { ScheduleResult } from './job-scheduling';
export { jobsTableName } from './job-tables';

export interface JobStoreOptions {
  /** Only for placing jobs due in the past; claims and ticks take `now` explicitly. */
  clock?: () => Date;
  /** How far behind now the watermark stays, to absorb slow inserts and clock skew. */
  lagMinutes?: number;
  /** The widest bucket range one `due()` reads. */
  maxRangeMinutes?: number;
  /** Parallel requests while scheduling. */
  concurrency?: number;
}

export class JobStore {
  private readonly tables: JobTables;
  private readonly claims: JobClaims;
  private readonly lagMinutes: number;
  private readonly maxRangeMinutes: number;
  private readonly concurrency: number;

  constructor(store: TableStore, options: JobStoreOptions = {}) {
    this.tables = new JobTables(store, options.clock ?? (() => new Date()));
    this.claims = new JobClaims(this.tables);
    this.lagMinutes = options.lagMinutes ?? WATERMARK_LAG_MINUTES;
    this.maxRangeMinutes = options.maxRangeMinutes ?? MAX_RANGE_MINUTES;
    this.concurrency = options.concurrency ?? 16;
  }

  /** Every job row in every day table, oldest day first (diagnostics and tests). */
  allRows(): Promise<Record<string, unknown>[]> {
    return this.tables.allRows();
  }

  /** Adds jobs that are not scheduled yet; an id already scheduled is left exactly as it is. */
  schedule(jobs: Job[]): Promise<ScheduleResult> {
    return scheduleJobs(this.tables, jobs, this.concurrency);
  }

  /**
   * Moves a pending job to a new due time (a quiet-hours push, a retry); false when the job is
   * unknown or no longer pending. See job-scheduling.ts for why a crash mid-move is safe.
   */
  reschedule(
    jobId: string,
    newDueAt: Date | string,
    progress?: CompletionDetail,
  ): Promise<boolean> {
    return rescheduleJob(this.tables, jobId, newDueAt, progress);
  }

  /**
   * Pending jobs due by `now`, oldest first, at most `limit`. Reads one PartitionKey range from
   * the watermark to the current minute (capped at `maxRangeMinutes`), then moves the watermark
   * up to the first bucket that still holds pending work, but never closer than the lag to now.
   */
  due(now: Date, limit = DEFAULT_DUE_LIMIT): Promise<DueJob[]> {
    const window = { lagMinutes: this.lagMinutes, maxRangeMinutes: this.maxRangeMinutes };
    return findDue(this.tables, window, now, limit);
  }

  /** The oldest bucket that may still hold pending work; undefined before the first schedule. */
  watermark(): Promise<string | undefined> {
    return readWatermark(this.tables);
  }

  /**
   * Takes the job for `owner` until `now + leaseMs`. False when someone else holds it, it has
   * already run, or this copy of the row is stale.
   */
  claim(due: DueJob, owner: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
    return this.claims.claim(due, owner, now, leaseMs);
  }

  /** Records how the job ended and hides it from due(). */
  complete(due: DueJob, outcome: JobOutcome, detail: CompletionDetail = {}): Promise<void> {
    return this.claims.complete(due, outcome, detail);
  }

  /** Gives a claim back unfinished so any instance may run the job at once. */
  release(due: DueJob): Promise<void> {
    return this.claims.release(due);
  }

  /** Ids this instance holds a claim on (for shutdown and diagnostics). */
  heldClaims(): string[] {
    return this.claims.heldIds();
  }

  /** The job, where it is and how it went. */
  get(jobId: string): Promise<JobRecord | undefined> {
    return readJob(this.tables, jobId);
  }
}
