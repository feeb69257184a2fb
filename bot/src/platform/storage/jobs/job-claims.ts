import {
  CLAIM_ROW,
  type ClaimState,
  type CompletionDetail,
  type DueJob,
  type Entity,
  type JobOutcome,
  type Row,
  claimEntity,
  progressFields,
  toJobEntity,
} from './job-rows';
import type { JobTables } from './job-tables';
import {
  encodeKey,
  getRow,
  str,
  tryDeleteRow,
  tryInsertRow,
  tryUpdateRow,
  upsertRow,
} from '../versioned';

/**
 * Claims and leases: who runs a due job, until when, and the record that it ran. An insert
 * decides between first claimants; an ETag-conditioned update between those taking over an
 * expired or released claim. The claim row, not the job row, is what stops a second run.
 */

export const DEFAULT_LEASE_MS = 120_000;

interface HeldClaim {
  owner: string;
  etag: string;
}

export class JobClaims {
  /** Claims this instance holds, with the ETag that proves it still holds them. */
  private readonly held = new Map<string, HeldClaim>();

  constructor(private readonly tables: JobTables) {}

  /**
   * Takes the job for `owner` until `now + leaseMs`. False when someone else holds it, it has
   * already run, or this copy of the row is stale.
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
      const etag = await tryInsertRow(this.tables.claims, held);
      if (etag !== undefined) return this.hold(due, owner, etag);
      const existing = await getRow(this.tables.claims, key, CLAIM_ROW);
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
    const jobs = this.tables.jobsIn(due.bucket);
    const row = await getRow(jobs, due.bucket, encodeKey(due.job.id));
    if (!row || row.etag !== due.etag || str(row, 'status') !== 'pending') return false;
    const etag = await tryUpdateRow(this.tables.claims, held, existing.etag, 'Replace');
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
    const index = await getRow(this.tables.index, key, '');
    if (!index) return false;
    const bucket = str(index, 'bucket');
    if (bucket === due.bucket) return true;
    const target = this.tables.jobsIn(bucket);
    if (!(await getRow(target, bucket, key))) {
      const job = { ...due.job, dueAt: str(index, 'dueAt') };
      await this.tables.ensureDay(bucket);
      await tryInsertRow(target, { ...toJobEntity(job, bucket), attempts: due.attempts });
    }
    await tryDeleteRow(this.tables.jobsIn(due.bucket), due.bucket, key, due.etag);
    return false;
  }

  /**
   * Records how the job ended and hides it from due(). The claim is marked first: that record,
   * not the row, is what stops any other copy of the job from running again.
   */
  async complete(due: DueJob, outcome: JobOutcome, detail: CompletionDetail = {}): Promise<void> {
    const held = this.held.get(due.job.id);
    if (!held) throw new Error(`Job ${due.job.id} is not claimed by this store`);
    const completedAt = this.tables.clock().toISOString();
    const key = encodeKey(due.job.id);
    const done = claimEntity(key, held.owner, 'done', { outcome, completedAt, bucket: due.bucket });
    if ((await tryUpdateRow(this.tables.claims, done, held.etag, 'Replace')) === undefined) {
      // Our lease lapsed and someone took over; it ran here regardless, so say so.
      await upsertRow(this.tables.claims, done);
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
    const released = claimEntity(key, held.owner, 'released');
    await tryUpdateRow(this.tables.claims, released, held.etag, 'Replace');
  }

  /** Ids this instance holds a claim on (for shutdown and diagnostics). */
  heldIds(): string[] {
    return [...this.held.keys()];
  }

  /** Marks the row finished unless it already is; retries past unrelated ETag changes. */
  private async settleRow(due: DueJob, changes: Record<string, unknown>): Promise<void> {
    const key = encodeKey(due.job.id);
    const jobs = this.tables.jobsIn(due.bucket);
    let etag = due.etag;
    for (let attempt = 0; attempt < 3; attempt++) {
      const entity = { partitionKey: due.bucket, rowKey: key, ...changes };
      if ((await tryUpdateRow(jobs, entity, etag)) !== undefined) return;
      const row = await getRow(jobs, due.bucket, key);
      if (!row || str(row, 'status') !== 'pending') return;
      etag = row.etag;
    }
  }
}
