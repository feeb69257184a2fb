import type { TableStore } from '../../../platform/storage/table-store';
import { encodeKey, getRow, insertRow, replaceRow, str } from '../../../platform/storage/versioned';
import { ConflictError } from '../../../platform/storage/errors';

/**
 * At most one nudge message per person per day, and never the same one twice. The first
 * bundle of the day claims the person's day (an insert that fails for anyone else) and records
 * its intent to send (`sending`); the outcome follows (`sent`, or `retry` when Teams refused it
 * and it may go again). A claim found still `sending` means a process stopped between send
 * and outcome: Teams may or may not have delivered it, so it is marked `unconfirmed` and not
 * sent again (a second copy is worse than a missed nudge).
 * PartitionKey `user:{entra object id}`, RowKey the person's local date (yyyy-mm-dd).
 */

export type ClaimResult =
  /** Send now; report the outcome with `sent` or `failed`. */
  | { kind: 'send'; etag: string }
  /** The day belongs to other work: try on the next working day. */
  | { kind: 'day-taken' }
  /** These jobs already went out today. */
  | { kind: 'already-sent' }
  /** A send of these jobs was under way when its process stopped: not sent again. */
  | { kind: 'unconfirmed' };

type Status = 'sending' | 'sent' | 'retry' | 'unconfirmed';

export class DailySendLedger {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('dailySends');
  }

  private entity(userId: string, day: string, jobIds: string[], status: Status, now: Date) {
    return {
      partitionKey: `user:${encodeKey(userId.toLowerCase())}`,
      rowKey: day,
      jobIds: JSON.stringify(jobIds),
      status,
      claimedAt: now.toISOString(),
    };
  }

  async claim(userId: string, day: string, jobIds: string[], now: Date): Promise<ClaimResult> {
    const fresh = this.entity(userId, day, jobIds, 'sending', now);
    try {
      return { kind: 'send', etag: await insertRow(this.table, fresh, 'Today’s message') };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const row = await getRow(this.table, fresh.partitionKey, day);
    const claimed = row ? (JSON.parse(str(row, 'jobIds') || '[]') as string[]) : [];
    if (!row || !jobIds.some((id) => claimed.includes(id))) return { kind: 'day-taken' };
    const status = (str(row, 'status') || 'sending') as Status;
    if (status === 'sent') return { kind: 'already-sent' };
    if (status === 'unconfirmed') return { kind: 'unconfirmed' };
    const next = status === 'retry' ? 'sending' : 'unconfirmed';
    try {
      const etag = await replaceRow(
        this.table,
        this.entity(userId, day, claimed, next, now),
        row.etag,
        'Today’s message',
        async () => undefined,
      );
      return next === 'sending' ? { kind: 'send', etag } : { kind: 'unconfirmed' };
    } catch (error) {
      if (error instanceof ConflictError) return { kind: 'unconfirmed' };
      throw error;
    }
  }

  /** Records what Teams answered: delivered, or refused in a way that may be tried again. */
  async outcome(
    userId: string,
    day: string,
    jobIds: string[],
    etag: string,
    status: 'sent' | 'retry',
    now: Date,
  ): Promise<void> {
    await replaceRow(
      this.table,
      this.entity(userId, day, jobIds, status, now),
      etag,
      'Today’s message',
      async () => undefined,
    );
  }
}
