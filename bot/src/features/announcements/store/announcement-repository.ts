import { createHash } from 'node:crypto';
import { type TransactionAction, odata } from '@azure/data-tables';
import {
  type Announcement,
  type DeliveryCounts,
  type Recipient,
  deliveryCounts,
} from '../domain/announcement';
import { addCounts, countsDelta, isChannelRow, isZeroDelta } from '../domain/delivery-report';
import { MAX_BATCH } from '../../../platform/storage/batch';
import {
  ConflictError,
  NotFoundError,
  statusOf,
  translate,
} from '../../../platform/storage/errors';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  listPartition,
  listPartitionRange,
  replaceRow,
  str,
  upsertRow,
} from '../../../platform/storage/versioned';
import { DeliveryCounters, isCounterRow } from './delivery-counters';
import { RecentReads } from '../../../platform/storage/recent-reads';

/**
 * Announcements and their recipients (see docs/storage.md):
 * - `Announcements`: PartitionKey cohort id, RowKey the announcement id (time-ordered, newest
 *   first), so a cohort's recent announcements are one partition query.
 * - `AnnouncementRecipients`: PartitionKey `{announcement id}|{bucket}`, RowKey participant id;
 *   one row per person with the delivery state, guarded by ETag so only one worker sends to a
 *   person. The bucket (`00`–`1f`) is a hash of the participant id, so a large send's rows are
 *   spread over 32 partitions and its writes never pile onto one; the whole announcement is one
 *   partition-range query. Each bucket also holds its delivery counters (RowKeys `~counts|…`,
 *   one per writer, `delivery-counters.ts`), each changed in the same transaction as a row.
 * - `AnnouncementIndex`: PartitionKey `due` (RowKey `{sendAt}|{cohortId}|{id}`) for sends
 *   waiting for their time, and `active` (RowKey `{cohortId}|{id}`) for sends under way.
 */
export class AnnouncementRepository {
  private readonly counters: DeliveryCounters;
  /** Recent lists read in the last moment, for the channel home a cohort opens at once. */
  private readonly recentLists: RecentReads<Announcement[]>;

  constructor(private readonly store: TableStore) {
    this.counters = new DeliveryCounters(() => this.recipients);
    this.recentLists = new RecentReads([store.tableName('announcements')]);
  }

  private get announcements() {
    return this.store.table('announcements');
  }
  private get recipients() {
    return this.store.table('announcementRecipients');
  }
  private get index() {
    return this.store.table('announcementIndex');
  }

  async create(announcement: Announcement): Promise<Versioned<Announcement>> {
    const etag = await insertRow(
      this.announcements,
      {
        partitionKey: announcement.cohortId,
        rowKey: announcement.id,
        status: announcement.status,
        data: JSON.stringify(announcement),
      },
      'Announcement',
    );
    return { value: announcement, etag };
  }

  async get(cohortId: string, id: string): Promise<Versioned<Announcement> | undefined> {
    const row = await getRow(this.announcements, cohortId, id);
    return row
      ? { value: JSON.parse(str(row, 'data')) as Announcement, etag: row.etag }
      : undefined;
  }

  /** Replaces only if unchanged since `etag`; a stale write is a ConflictError. */
  async replace(announcement: Announcement, etag: string): Promise<Versioned<Announcement>> {
    const next = await replaceRow(
      this.announcements,
      {
        partitionKey: announcement.cohortId,
        rowKey: announcement.id,
        status: announcement.status,
        data: JSON.stringify(announcement),
      },
      etag,
      'The announcement',
      () => this.get(announcement.cohortId, announcement.id),
    );
    return { value: announcement, etag: next };
  }

  /**
   * The cohort's most recent announcements, newest first. Ids sort newest first, except event
   * reminders (`reminder-{day|hour}-{event id}`, fixed so an event edit finds them), which sort
   * after every time-ordered id: they are read apart (a cohort has two per event) and merged in
   * by creation time.
   */
  /**
   * `recent` as read a moment ago (platform/storage/recent-reads.ts): never older than this
   * process's own last write to the table. Shared between callers: read it, never change it.
   */
  recentShared(cohortId: string, limit: number): Promise<Announcement[]> {
    return this.recentLists.read(`${cohortId}|${limit}`, () => this.recent(cohortId, limit));
  }

  async recent(cohortId: string, limit: number): Promise<Announcement[]> {
    const [timeOrdered, reminders] = await Promise.all([
      this.firstRows(odata`PartitionKey eq ${cohortId} and RowKey lt ${REMINDER_PREFIX}`, limit),
      this.firstRows(
        odata`PartitionKey eq ${cohortId} and RowKey ge ${REMINDER_PREFIX} and RowKey lt ${REMINDER_END}`,
        Number.POSITIVE_INFINITY,
      ),
    ]);
    return [...timeOrdered, ...reminders]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  }

  private async firstRows(filter: string, limit: number): Promise<Announcement[]> {
    const found: Announcement[] = [];
    try {
      const pages = this.announcements
        .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
        .byPage({ maxPageSize: Math.min(limit, 1000) });
      for await (const page of pages) {
        for (const row of page) found.push(JSON.parse(str(row, 'data')) as Announcement);
        if (found.length >= limit) break;
      }
    } catch (error) {
      translate(error);
    }
    return found.slice(0, limit);
  }

  /**
   * Inserts the recipients not already there; existing rows (maybe sent) are never touched.
   * Each transaction (one bucket, up to 99 rows) moves the bucket's counter with it.
   */
  async addRecipients(announcementId: string, recipients: Recipient[]): Promise<number> {
    const existing = new Set(
      (await this.listRecipients(announcementId)).map((r) => r.value.participantId),
    );
    const fresh = recipients.filter((r) => !existing.has(r.participantId));
    // A transaction stays within one partition: group by bucket, then chunks of 99 (and the counter).
    const byPartition = new Map<string, Recipient[]>();
    for (const r of fresh) {
      const key = recipientPartition(r.announcementId, r.participantId);
      byPartition.set(key, [...(byPartition.get(key) ?? []), r]);
    }
    const size = MAX_BATCH - 1;
    for (const [partition, rows] of byPartition) {
      for (let i = 0; i < rows.length; i += size) {
        const chunk = rows.slice(i, i + size);
        if (await this.insertChunk(partition, chunk)) continue;
        // Another instance expanded the same chunk at the same moment: one by one, skipping theirs.
        for (const r of chunk) await this.insertChunk(partition, [r]);
      }
    }
    return fresh.length;
  }

  /** False when one of the rows exists already (nothing of the chunk was written). */
  private async insertChunk(partition: string, chunk: Recipient[]): Promise<boolean> {
    const delta = chunk.reduce(
      (sum, r) => addCounts(sum, countsDelta(undefined, r)),
      deliveryCounts([]),
    );
    const actions: TransactionAction[] = chunk.map((r) => ['create', this.recipientEntity(r)]);
    try {
      if (isZeroDelta(delta)) {
        await this.recipients.submitTransaction(actions);
      } else {
        await this.counters.commit(partition, actions, delta, async () => {
          const found = await Promise.all(
            chunk.map((r) => this.getRecipient(r.announcementId, r.participantId)),
          );
          if (found.some(Boolean)) throw new RowsExist();
          return 'retry';
        });
      }
      return true;
    } catch (error) {
      if (error instanceof RowsExist || statusOf(error) === 409) return false;
      return translate(error);
    }
  }

  private recipientEntity(r: Recipient) {
    return {
      partitionKey: recipientPartition(r.announcementId, r.participantId),
      rowKey: r.participantId,
      status: r.status,
      data: JSON.stringify(r),
    };
  }

  async getRecipient(
    announcementId: string,
    participantId: string,
  ): Promise<Versioned<Recipient> | undefined> {
    const row = await getRow(
      this.recipients,
      recipientPartition(announcementId, participantId),
      participantId,
    );
    return row ? { value: JSON.parse(str(row, 'data')) as Recipient, etag: row.etag } : undefined;
  }

  /**
   * ETag-guarded: of two workers, only one moves a recipient on (`from` is the row as read). A
   * change of state or "Got it" is one transaction with the bucket's counter.
   */
  async replaceRecipient(
    recipient: Recipient,
    from: Versioned<Recipient>,
  ): Promise<Versioned<Recipient>> {
    const delta = countsDelta(from.value, recipient);
    const current = () => this.getRecipient(recipient.announcementId, recipient.participantId);
    if (isZeroDelta(delta)) {
      const next = await replaceRow(
        this.recipients,
        this.recipientEntity(recipient),
        from.etag,
        'The recipient',
        current,
      );
      return { value: recipient, etag: next };
    }
    const partition = recipientPartition(recipient.announcementId, recipient.participantId);
    const [etag] = await this.counters.commit(
      partition,
      [['update', this.recipientEntity(recipient), 'Replace', { etag: from.etag }]],
      delta,
      async () => {
        const latest = await current();
        if (!latest) throw new NotFoundError('The recipient no longer exists');
        if (latest.etag !== from.etag) {
          throw new ConflictError('The recipient was changed by someone else', latest);
        }
        return 'retry';
      },
    );
    if (etag) return { value: recipient, etag };
    // No ETag in the answer: read it, never guess (an empty one would match anything).
    const written = await current();
    if (!written) throw new NotFoundError('The recipient no longer exists');
    return { value: recipient, etag: written.etag };
  }

  /**
   * The announcement's counts from its buckets' counters (32 point reads), not its rows. A
   * bucket without a counter (no one in it, or a send from before the counters, whose rows may
   * still sit in the one pre-bucket partition) is counted from the rows.
   */
  async counts(announcementId: string): Promise<DeliveryCounts> {
    const buckets = Array.from({ length: RECIPIENT_BUCKETS }, (_, b) =>
      bucketKey(announcementId, b),
    );
    const byBucket = await this.counters.ofAnnouncement(announcementId);
    const stored = buckets.map((p) => byBucket.get(p));
    let counts = deliveryCounts([]);
    for (const c of stored) if (c) counts = addCounts(counts, c);
    const missing = new Set(buckets.filter((_, i) => !stored[i]));
    if (missing.size === 0) return counts;
    const uncounted = (await this.listRecipients(announcementId))
      .map((r) => r.value)
      .filter((r) => !isChannelRow(r))
      .filter((r) => missing.has(recipientPartition(announcementId, r.participantId)));
    return addCounts(counts, deliveryCounts(uncounted));
  }

  async listRecipients(
    announcementId: string,
    status?: Recipient['status'],
  ): Promise<Versioned<Recipient>[]> {
    // From `{id}` itself ('}' sorts just after '|'): every bucket of this announcement, and the
    // single partition pre-release builds wrote before the buckets, so old reports still read.
    // Ids have a fixed length, so no other announcement's key falls in between.
    const rows = await listPartitionRange(
      this.recipients,
      announcementId,
      `${announcementId}}`,
      status ? odata`status eq ${status}` : undefined,
    );
    return rows
      .filter((row) => !isCounterRow(row.rowKey))
      .map((row) => ({ value: JSON.parse(str(row, 'data')) as Recipient, etag: row.etag }));
  }

  async markDue(a: Pick<Announcement, 'cohortId' | 'id' | 'sendAt'>): Promise<void> {
    await upsertRow(this.index, {
      partitionKey: 'due',
      rowKey: `${a.sendAt}|${a.cohortId}|${a.id}`,
      cohortId: a.cohortId,
      announcementId: a.id,
    });
  }

  async clearDue(a: Pick<Announcement, 'cohortId' | 'id' | 'sendAt'>): Promise<void> {
    await this.deleteIndex('due', `${a.sendAt}|${a.cohortId}|${a.id}`);
  }

  /** Sends whose time has come: `{sendAt}|…` rows up to now. */
  async dueBy(now: Date): Promise<{ cohortId: string; announcementId: string }[]> {
    const rows = await listPartition(
      this.index,
      'due',
      odata`RowKey le ${`${now.toISOString()}|~`}`,
    );
    return rows.map((r) => ({
      cohortId: str(r, 'cohortId'),
      announcementId: str(r, 'announcementId'),
    }));
  }

  async markActive(a: Pick<Announcement, 'cohortId' | 'id'>): Promise<void> {
    await upsertRow(this.index, {
      partitionKey: 'active',
      rowKey: `${a.cohortId}|${a.id}`,
      cohortId: a.cohortId,
      announcementId: a.id,
    });
  }

  async clearActive(a: Pick<Announcement, 'cohortId' | 'id'>): Promise<void> {
    await this.deleteIndex('active', `${a.cohortId}|${a.id}`);
  }

  async active(): Promise<{ cohortId: string; announcementId: string }[]> {
    const rows = await listPartition(this.index, 'active');
    return rows.map((r) => ({
      cohortId: str(r, 'cohortId'),
      announcementId: str(r, 'announcementId'),
    }));
  }

  private async deleteIndex(partitionKey: string, rowKey: string): Promise<void> {
    try {
      await this.index.deleteEntity(partitionKey, rowKey);
    } catch (error) {
      if (statusOf(error) !== 404) translate(error);
    }
  }
}

/** Event reminders' ids start so; `reminder.` is the first key after all of them. */
export const REMINDER_PREFIX = 'reminder-';
const REMINDER_END = 'reminder.';

/** How many partitions an announcement's recipients are spread over. */
export const RECIPIENT_BUCKETS = 32;

/** `{announcement id}|{bucket}`: the bucket a stable hash of the participant id. */
export function recipientPartition(announcementId: string, participantId: string): string {
  const bucket = createHash('sha1').update(participantId).digest().readUInt8(0) % RECIPIENT_BUCKETS;
  return bucketKey(announcementId, bucket);
}

function bucketKey(announcementId: string, bucket: number): string {
  return `${announcementId}|${bucket.toString(16).padStart(2, '0')}`;
}

/** A chunk of rows to insert found one of them there already. */
class RowsExist extends Error {}
