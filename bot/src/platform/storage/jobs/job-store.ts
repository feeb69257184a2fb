import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { Job, JobKind } from './job';
import { eachLimited } from '../batch';
import { statusOf, translate } from '../errors';
import type { TableStore } from '../table-store';
import { encodeKey, getRow, num, optStr, str } from '../versioned';

/**
 * Scheduled jobs with exactly-once hand-out, on one instance or many (docs/journey.md,
 * "Exactly once"; keys in docs/storage.md).
 *
 * - `Jobs`: PartitionKey = due minute (`yyyyMMddHHmm`, UTC), RowKey = encoded job id. A tick
 *   reads one PartitionKey range, from the watermark to now, never the whole table.
 * - `JobIndex`: PartitionKey = encoded job id, RowKey ''. Which bucket holds the job now; it is
 *   inserted first, so a second schedule of the same id is a 409, and its ETag serialises moves.
 * - `JobClaims`: PartitionKey = encoded job id, RowKey 'claim'. Who runs the job, until when, and
 *   finally that it ran. Kept after completion so a stale copy of the row can never run again.
 * - `SchedulerState`: PartitionKey 'watermark', RowKey ''. The oldest bucket that may still hold
 *   pending work.
 */

export type JobStatus = 'pending' | 'done' | 'skipped' | 'failed';
export type JobOutcome = Exclude<JobStatus, 'pending'>;

/** A job as `due()` read it: the job plus what the store needs to act on that exact row. */
export interface DueJob {
  job: Job;
  bucket: string;
  etag: string;
  attempts: number;
  lastError?: string;
  /** Touched by a reschedule: checked against JobIndex before it may run. */
  moved: boolean;
}

/** Where a job is and how it went; for tests, support and the coordinator's views. */
export interface JobRecord {
  job: Job;
  bucket: string;
  status: JobStatus;
  attempts: number;
  lastError?: string;
  completedAt?: string;
}

export interface ScheduleResult {
  scheduled: number;
  alreadyScheduled: number;
}

export interface CompletionDetail {
  reason?: string;
  attempts?: number;
}

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

export const DEFAULT_LEASE_MS = 120_000;
export const DEFAULT_DUE_LIMIT = 1000;
/** A tick re-reads the last few minutes, so a job inserted while it ran is never skipped. */
export const WATERMARK_LAG_MINUTES = 5;
/** One week: any realistic outage is read in one tick; longer ones catch up a week per tick. */
export const MAX_RANGE_MINUTES = 7 * 24 * 60;

const CLAIM_ROW = 'claim';
const WATERMARK_PK = 'watermark';
/** The service answers at most 1000 entities per page. */
const MAX_PAGE = 1000;

type Row = Record<string, unknown> & { etag: string };
type Entity = TableEntity<Record<string, unknown>>;
type ClaimState = 'held' | 'released' | 'done';

interface HeldClaim {
  owner: string;
  etag: string;
}

interface Scan {
  due: DueJob[];
  firstPending?: string;
  complete: boolean;
}

// ---------------------------------------------------------------------------------------------
// Buckets: one per UTC minute, named so string order is time order.

export function bucketOf(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

export function bucketStart(bucket: string): Date {
  const part = (from: number, to: number) => Number(bucket.slice(from, to));
  return new Date(Date.UTC(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12)));
}

export function addMinutes(bucket: string, minutes: number): string {
  return bucketOf(new Date(bucketStart(bucket).getTime() + minutes * 60_000));
}

function earliest(a: string, b: string): string {
  return a < b ? a : b;
}

/** A job due in the past goes in the current minute: older buckets may be behind the watermark. */
function placeFor(dueAt: string, now: Date): string {
  const due = new Date(dueAt);
  return bucketOf(due.getTime() < now.getTime() ? now : due);
}

function normalise(job: Job): Job {
  const due = new Date(job.dueAt);
  if (Number.isNaN(due.getTime())) throw new Error(`Job ${job.id} has an invalid dueAt`);
  return { ...job, dueAt: due.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Rows.

/** The `Jobs` row for a job in a bucket; exported so bulk loaders (the bench) write the same. */
export function toJobEntity(job: Job, bucket: string, status: JobStatus = 'pending'): Entity {
  const entity: Entity = {
    partitionKey: bucket,
    rowKey: encodeKey(job.id),
    id: job.id,
    kind: job.kind,
    dueAt: job.dueAt,
    cohortId: job.cohortId,
    pairId: job.pairId,
    payload: JSON.stringify(job.payload),
    status,
    attempts: 0,
    moved: false,
  };
  if (job.recipientId !== undefined) entity.recipientId = job.recipientId;
  return entity;
}

function toJob(row: Record<string, unknown>): Job {
  const job: Job = {
    id: str(row, 'id'),
    kind: str(row, 'kind') as JobKind,
    dueAt: str(row, 'dueAt'),
    cohortId: str(row, 'cohortId'),
    pairId: str(row, 'pairId'),
    payload: JSON.parse(str(row, 'payload') || '{}') as Job['payload'],
  };
  const recipientId = optStr(row, 'recipientId');
  if (recipientId !== undefined) job.recipientId = recipientId;
  return job;
}

function toDueJob(row: Row): DueJob {
  const due: DueJob = {
    job: toJob(row),
    bucket: str(row, 'partitionKey'),
    etag: row.etag,
    attempts: num(row, 'attempts'),
    moved: row.moved === true,
  };
  const lastError = optStr(row, 'lastError');
  if (lastError !== undefined) due.lastError = lastError;
  return due;
}

function claimEntity(key: string, owner: string, state: ClaimState, extra: object = {}): Entity {
  return { partitionKey: key, rowKey: CLAIM_ROW, owner, state, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Conditional writes that report a lost race as a value, not an exception.

/** Inserts; undefined when the keys exist (409). */
async function tryInsert(table: TableClient, entity: Entity): Promise<string | undefined> {
  try {
    return (await table.createEntity(entity)).etag ?? '';
  } catch (error) {
    if (statusOf(error) === 409) return undefined;
    return translate(error);
  }
}

/** Updates only if unchanged since `etag`; undefined when it changed (412) or is gone (404). */
async function tryUpdate(
  table: TableClient,
  entity: Entity,
  etag: string,
  mode: 'Merge' | 'Replace' = 'Merge',
): Promise<string | undefined> {
  try {
    return (await table.updateEntity(entity, mode, { etag })).etag ?? '';
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 404) return undefined;
    return translate(error);
  }
}

/** Deletes only if unchanged since `etag`; false when it changed or is already gone. */
async function tryDelete(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  etag: string,
): Promise<boolean> {
  try {
    await table.deleteEntity(partitionKey, rowKey, { etag });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 404) return false;
    return translate(error);
  }
}

async function upsert(table: TableClient, entity: Entity): Promise<void> {
  try {
    await table.upsertEntity(entity, 'Replace');
  } catch (error) {
    translate(error);
  }
}

// ---------------------------------------------------------------------------------------------

export class JobStore {
  private readonly clock: () => Date;
  private readonly lagMinutes: number;
  private readonly maxRangeMinutes: number;
  private readonly concurrency: number;
  /** Claims this instance holds, with the ETag that proves it still holds them. */
  private readonly held = new Map<string, HeldClaim>();

  constructor(
    private readonly store: TableStore,
    options: JobStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.lagMinutes = options.lagMinutes ?? WATERMARK_LAG_MINUTES;
    this.maxRangeMinutes = options.maxRangeMinutes ?? MAX_RANGE_MINUTES;
    this.concurrency = options.concurrency ?? 16;
  }

  /**
   * The jobs of one day live in their own table, `Jobs{yyyyMMdd}`: a tick's range query then
   * touches a day's rows, not the whole programme's, and old days can be dropped whole.
   */
  private jobsIn(bucket: string) {
    return this.store.clientNamed(jobsTableName(this.store, bucket));
  }

  /** Creates a day's table before its first row is written. */
  private async ensureDay(bucket: string): Promise<void> {
    await this.store.ensureTableNamed(jobsTableName(this.store, bucket));
  }

  /** Every job row in every day table, oldest day first (diagnostics and tests). */
  async allRows(): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const name of await this.store.tableNamesStartingWith(this.store.tableName('jobs'))) {
      for await (const row of this.store.clientNamed(name).listEntities()) rows.push(row);
    }
    return rows;
  }

  private get index() {
    return this.store.table('jobIndex');
  }

  private get claims() {
    return this.store.table('jobClaims');
  }

  private get state() {
    return this.store.table('schedulerState');
  }

  // -------------------------------------------------------------------------------------------
  // Scheduling

  /** Adds jobs that are not scheduled yet; an id already scheduled is left exactly as it is. */
  async schedule(jobs: Job[]): Promise<ScheduleResult> {
    const result: ScheduleResult = { scheduled: 0, alreadyScheduled: 0 };
    if (jobs.length === 0) return result;
    const now = this.clock();
    const planned = jobs.map(normalise).map((job) => ({ job, bucket: placeFor(job.dueAt, now) }));
    // Before any row exists, so a concurrent tick cannot move the watermark past it.
    await this.lowerWatermark(planned.map((p) => p.bucket).reduce(earliest));
    await eachLimited(planned, this.concurrency, async ({ job, bucket }) => {
      if (await this.scheduleOne(job, bucket)) result.scheduled++;
      else result.alreadyScheduled++;
    });
    return result;
  }

  private async scheduleOne(job: Job, bucket: string): Promise<boolean> {
    const key = encodeKey(job.id);
    const indexed = await tryInsert(this.index, {
      partitionKey: key,
      rowKey: '',
      bucket,
      dueAt: job.dueAt,
    });
    if (indexed === undefined) {
      await this.restoreRow(job);
      return false;
    }
    await this.ensureDay(bucket);
    await tryInsert(this.jobsIn(bucket), toJobEntity(job, bucket));
    return true;
  }

  /** A process that died between the index insert and the row insert left an index only. */
  private async restoreRow(job: Job): Promise<void> {
    const key = encodeKey(job.id);
    const index = await getRow(this.index, key, '');
    if (!index) return;
    const bucket = str(index, 'bucket');
    await this.ensureDay(bucket);
    if (await getRow(this.jobsIn(bucket), bucket, key)) return;
    await tryInsert(
      this.jobsIn(bucket),
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
  async reschedule(
    jobId: string,
    newDueAt: Date | string,
    progress?: CompletionDetail,
  ): Promise<boolean> {
    const dueAt = new Date(newDueAt).toISOString();
    for (let attempt = 0; attempt < 5; attempt++) {
      const outcome = await this.tryMove(jobId, dueAt, progress);
      if (outcome !== 'retry') return outcome === 'moved';
    }
    return false;
  }

  private async tryMove(
    jobId: string,
    dueAt: string,
    progress?: CompletionDetail,
  ): Promise<'moved' | 'refused' | 'retry'> {
    const key = encodeKey(jobId);
    const index = await getRow(this.index, key, '');
    if (!index) return 'refused';
    const from = str(index, 'bucket');
    const row = await getRow(this.jobsIn(from), from, key);
    if (!row || str(row, 'status') !== 'pending') return 'refused';
    const to = placeFor(dueAt, this.clock());
    const changes = { dueAt, ...progressFields(progress) };
    if (to === from) {
      const same = await tryUpdate(
        this.jobsIn(from),
        { partitionKey: from, rowKey: key, ...changes },
        row.etag,
      );
      return same === undefined ? 'retry' : 'moved';
    }
    const flagged = await tryUpdate(
      this.jobsIn(from),
      { partitionKey: from, rowKey: key, moved: true },
      row.etag,
    );
    if (flagged === undefined) return 'retry';
    const switched = await tryUpdate(
      this.index,
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
    await this.ensureDay(to);
    await upsert(this.jobsIn(to), moved);
    await tryDelete(this.jobsIn(from), from, key, flagged);
    return 'moved';
  }

  // -------------------------------------------------------------------------------------------
  // Finding due work

  /**
   * Pending jobs due by `now`, oldest first, at most `limit`. Reads one PartitionKey range from
   * the watermark to the current minute (capped at `maxRangeMinutes`), then moves the watermark
   * up to the first bucket that still holds pending work, but never closer than the lag to now.
   */
  async due(now: Date, limit = DEFAULT_DUE_LIMIT): Promise<DueJob[]> {
    const mark = await getRow(this.state, WATERMARK_PK, '');
    if (!mark) return []; // nothing was ever scheduled
    const from = str(mark, 'bucket');
    const to = earliest(bucketOf(now), addMinutes(from, this.maxRangeMinutes));
    if (from > to) return [];
    const scan = await this.scanPending(from, to, now, limit);
    const clear = scan.firstPending ?? (scan.complete ? addMinutes(to, 1) : from);
    const next = earliest(clear, bucketOf(new Date(now.getTime() - this.lagMinutes * 60_000)));
    // A lost race means another tick or a schedule() moved it; both are right, so keep theirs.
    if (next > from) await tryUpdate(this.state, { ...watermarkKeys(), bucket: next }, mark.etag);
    return scan.due;
  }

  /** Reads pending rows from `from` to `to`, one day table at a time, oldest first. */
  private async scanPending(from: string, to: string, now: Date, limit: number): Promise<Scan> {
    const scan: Scan = { due: [], complete: true };
    for (const day of daysBetween(from, to)) {
      const low = pickBucket(from, `${day}0000`, 'max');
      const high = pickBucket(to, `${day}2359`, 'min');
      const filter = odata`PartitionKey ge ${low} and PartitionKey le ${high} and status eq ${'pending'}`;
      const pages = this.jobsIn(`${day}0000`)
        .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
        .byPage({ maxPageSize: Math.min(limit, MAX_PAGE) });
      try {
        for await (const page of pages) {
          for (const row of page) {
            scan.firstPending ??= str(row, 'partitionKey');
            if (Date.parse(str(row, 'dueAt')) <= now.getTime()) scan.due.push(toDueJob(row));
          }
          if (scan.due.length >= limit) {
            scan.complete = false;
            break;
          }
        }
      } catch (error) {
        if (statusOf(error) !== 404) translate(error); // no table: nothing was due that day
      }
      if (!scan.complete) break;
    }
    scan.due = scan.due.slice(0, limit);
    return scan;
  }

  /** The oldest bucket that may still hold pending work; undefined before the first schedule. */
  async watermark(): Promise<string | undefined> {
    const mark = await getRow(this.state, WATERMARK_PK, '');
    return mark ? str(mark, 'bucket') : undefined;
  }

  private async lowerWatermark(bucket: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const mark = await getRow(this.state, WATERMARK_PK, '');
      if (mark && str(mark, 'bucket') <= bucket) return;
      const entity = { ...watermarkKeys(), bucket };
      const written = mark
        ? await tryUpdate(this.state, entity, mark.etag, 'Replace')
        : await tryInsert(this.state, entity);
      if (written !== undefined) return;
    }
    throw new Error('Could not lower the scheduler watermark: too much contention');
  }

  // -------------------------------------------------------------------------------------------
  // Claims

  /**
   * Takes the job for `owner` until `now + leaseMs`. False when someone else holds it, it has
   * already run, or this copy of the row is stale. An insert decides between first claimants;
   * an ETag-conditioned update decides between those taking over an expired or released claim.
   */
  async claim(due: DueJob, owner: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
    if (due.moved && !(await this.isCurrentCopy(due))) return false;
    const key = encodeKey(due.job.id);
    const held = claimEntity(key, owner, 'held', {
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      claimedAt: now.toISOString(),
      bucket: due.bucket,
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      const etag = await tryInsert(this.claims, held);
      if (etag !== undefined) return this.hold(due, owner, etag);
      const existing = await getRow(this.claims, key, CLAIM_ROW);
      if (existing) return this.takeOver(due, existing, held, now);
      // Released and deleted in between: try the insert again.
    }
    return false;
  }

  private async takeOver(due: DueJob, existing: Row, held: Entity, now: Date): Promise<boolean> {
    const state = str(existing, 'state') as ClaimState;
    if (state === 'done') {
      // It ran, but the row was not marked (a crash in between, or a stale copy): mark it now.
      await this.settleRow(due, { status: str(existing, 'outcome') || 'done' });
      return false;
    }
    if (state === 'held' && Date.parse(str(existing, 'leaseUntil')) > now.getTime()) return false;
    // Only the very row version due() read may be taken over; a changed row is stale news.
    const row = await getRow(this.jobsIn(due.bucket), due.bucket, encodeKey(due.job.id));
    if (!row || row.etag !== due.etag || str(row, 'status') !== 'pending') return false;
    const etag = await tryUpdate(this.claims, held, existing.etag, 'Replace');
    return etag === undefined ? false : this.hold(due, String(held.owner), etag);
  }

  private hold(due: DueJob, owner: string, etag: string): true {
    this.held.set(due.job.id, { owner, etag });
    return true;
  }

  /**
   * A row flagged by reschedule() is only trusted when the index still points at it. Otherwise
   * it is a leftover of an interrupted move: make sure the row the index points at exists,
   * drop the leftover, and report it as not claimable.
   */
  private async isCurrentCopy(due: DueJob): Promise<boolean> {
    const key = encodeKey(due.job.id);
    const index = await getRow(this.index, key, '');
    if (!index) return false;
    const bucket = str(index, 'bucket');
    if (bucket === due.bucket) return true;
    if (!(await getRow(this.jobsIn(bucket), bucket, key))) {
      const job = { ...due.job, dueAt: str(index, 'dueAt') };
      await this.ensureDay(bucket);
      await tryInsert(this.jobsIn(bucket), { ...toJobEntity(job, bucket), attempts: due.attempts });
    }
    await tryDelete(this.jobsIn(due.bucket), due.bucket, key, due.etag);
    return false;
  }

  /**
   * Records how the job ended and hides it from due(). The claim is marked first: that record,
   * not the row, is what stops any other copy of the job from running again.
   */
  async complete(due: DueJob, outcome: JobOutcome, detail: CompletionDetail = {}): Promise<void> {
    const held = this.held.get(due.job.id);
    if (!held) throw new Error(`Job ${due.job.id} is not claimed by this store`);
    const completedAt = this.clock().toISOString();
    const key = encodeKey(due.job.id);
    const done = claimEntity(key, held.owner, 'done', { outcome, completedAt, bucket: due.bucket });
    if ((await tryUpdate(this.claims, done, held.etag, 'Replace')) === undefined) {
      // Our lease lapsed and someone took over; it ran here regardless, so say so.
      await upsert(this.claims, done);
    }
    this.held.delete(due.job.id);
    await this.settleRow(due, { status: outcome, completedAt, ...progressFields(detail) });
  }

  /** Gives a claim back unfinished so any instance may run the job at once. */
  async release(due: DueJob): Promise<void> {
    const held = this.held.get(due.job.id);
    if (!held) return;
    this.held.delete(due.job.id);
    const key = encodeKey(due.job.id);
    // Marked rather than deleted: a claimant holding a stale copy must still find a claim row
    // and so go through the checked takeover path.
    await tryUpdate(this.claims, claimEntity(key, held.owner, 'released'), held.etag, 'Replace');
  }

  /** Ids this instance holds a claim on (for shutdown and diagnostics). */
  heldClaims(): string[] {
    return [...this.held.keys()];
  }

  /** Marks the row finished unless it already is; retries past unrelated ETag changes. */
  private async settleRow(due: DueJob, changes: Record<string, unknown>): Promise<void> {
    const key = encodeKey(due.job.id);
    let etag = due.etag;
    for (let attempt = 0; attempt < 3; attempt++) {
      const entity = { partitionKey: due.bucket, rowKey: key, ...changes };
      if ((await tryUpdate(this.jobsIn(due.bucket), entity, etag)) !== undefined) return;
      const row = await getRow(this.jobsIn(due.bucket), due.bucket, key);
      if (!row || str(row, 'status') !== 'pending') return;
      etag = row.etag;
    }
  }

  /** The job, where it is and how it went. */
  async get(jobId: string): Promise<JobRecord | undefined> {
    const key = encodeKey(jobId);
    const index = await getRow(this.index, key, '');
    if (!index) return undefined;
    const bucket = str(index, 'bucket');
    const row = await getRow(this.jobsIn(bucket), bucket, key);
    if (!row) return undefined;
    const record: JobRecord = {
      job: toJob(row),
      bucket: str(row, 'partitionKey'),
      status: str(row, 'status') as JobStatus,
      attempts: num(row, 'attempts'),
    };
    const lastError = optStr(row, 'lastError');
    if (lastError !== undefined) record.lastError = lastError;
    const completedAt = optStr(row, 'completedAt');
    if (completedAt !== undefined) record.completedAt = completedAt;
    return record;
  }
}

function watermarkKeys() {
  return { partitionKey: WATERMARK_PK, rowKey: '' };
}

function progressFields(detail?: CompletionDetail): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (detail?.attempts !== undefined) fields.attempts = detail.attempts;
  if (detail?.reason !== undefined) fields.lastError = detail.reason.slice(0, 1000);
  return fields;
}

/** The table holding one day's jobs: `Jobs{yyyyMMdd}` (with the store's prefix). */
export function jobsTableName(store: TableStore, bucket: string): string {
  return `${store.tableName('jobs')}${bucket.slice(0, 8)}`;
}

/** The days (yyyyMMdd) from one bucket's day to another's, inclusive. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  let day = from.slice(0, 8);
  const last = to.slice(0, 8);
  while (day <= last) {
    days.push(day);
    day = addMinutes(`${day}0000`, 24 * 60).slice(0, 8);
  }
  return days;
}

function pickBucket(a: string, b: string, pick: 'min' | 'max'): string {
  return (pick === 'min') === a < b ? a : b;
}
