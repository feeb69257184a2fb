import type { TableEntity } from '@azure/data-tables';
import type { Job, JobKind } from './job';
import { encodeKey, num, optStr, str } from '../versioned';

/** How the job store's rows map to jobs and back (tables and keys in job-tables.ts). */

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

export interface CompletionDetail {
  reason?: string;
  attempts?: number;
}

export type Entity = TableEntity<Record<string, unknown>>;
export type Row = Record<string, unknown> & { etag: string };
export type ClaimState = 'held' | 'released' | 'done';

/** The RowKey of a job's one `JobClaims` row. */
export const CLAIM_ROW = 'claim';

export function normalise(job: Job): Job {
  const due = new Date(job.dueAt);
  if (Number.isNaN(due.getTime())) throw new Error(`Job ${job.id} has an invalid dueAt`);
  return { ...job, dueAt: due.toISOString() };
}

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

export function toJob(row: Record<string, unknown>): Job {
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

export function toDueJob(row: Row): DueJob {
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

export function toJobRecord(row: Record<string, unknown>): JobRecord {
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

export function claimEntity(
  key: string,
  owner: string,
  state: ClaimState,
  extra: object = {},
): Entity {
  return { partitionKey: key, rowKey: CLAIM_ROW, owner, state, ...extra };
}

/** The attempts and last error to write with a move or a completion. */
export function progressFields(detail?: CompletionDetail): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (detail?.attempts !== undefined) fields.attempts = detail.attempts;
  if (detail?.reason !== undefined) fields.lastError = detail.reason.slice(0, 1000);
  return fields;
}
