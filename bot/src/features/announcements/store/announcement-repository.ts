import { createHash } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { Announcement, Recipient } from '../domain/announcement';
import { MAX_BATCH } from '../../../platform/storage/batch';
import { statusOf, translate } from '../../../platform/storage/errors';
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

/**
 * Announcements and their recipients (see docs/storage.md):
 * - `Announcements`: PartitionKey cohort id, RowKey the announcement id (time-ordered, newest
 *   first), so a cohort's recent announcements are one partition query.
 * - `AnnouncementRecipients`: PartitionKey `{announcement id}|{bucket}`, RowKey participant id;
 *   one row per person with the delivery state, guarded by ETag so only one worker sends to a
 *   person. The bucket (`00`–`1f`) is a hash of the participant id, so a large send's rows are
 *   spread over 32 partitions and its writes never pile onto one; the whole announcement is one
 *   partition-range query.
 * - `AnnouncementIndex`: PartitionKey `due` (RowKey `{sendAt}|{cohortId}|{id}`) for sends
 *   waiting for their time, and `active` (RowKey `{cohortId}|{id}`) for sends under way.
 */
export class AnnouncementRepository {
  constructor(private readonly store: TableStore) {}

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

  /** Inserts the recipients not already there; existing rows (maybe sent) are never touched. */
  async addRecipients(announcementId: string, recipients: Recipient[]): Promise<number> {
    const existing = new Set(
      (await this.listRecipients(announcementId)).map((r) => r.value.participantId),
    );
    const fresh = recipients.filter((r) => !existing.has(r.participantId));
    // A transaction stays within one partition: group by bucket, then chunks of 100.
    const byPartition = new Map<string, Recipient[]>();
    for (const r of fresh) {
      const key = recipientPartition(r.announcementId, r.participantId);
      byPartition.set(key, [...(byPartition.get(key) ?? []), r]);
    }
    const chunks = [...byPartition.values()].flatMap((rows) =>
      Array.from({ length: Math.ceil(rows.length / MAX_BATCH) }, (_, i) =>
        rows.slice(i * MAX_BATCH, (i + 1) * MAX_BATCH),
      ),
    );
    for (const chunk of chunks) {
      try {
        await this.recipients.submitTransaction(
          chunk.map((r) => ['create', this.recipientEntity(r)]),
        );
      } catch (error) {
        // Another instance expanded the same chunk at the same moment: fall back to one by one.
        if (statusOf(error) !== 409) translate(error);
        for (const r of chunk) {
          try {
            await this.recipients.createEntity(this.recipientEntity(r));
          } catch (inner) {
            if (statusOf(inner) !== 409) translate(inner);
          }
        }
      }
    }
    return fresh.length;
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

  /** ETag-guarded: of two workers, only one moves a recipient on. */
  async replaceRecipient(recipient: Recipient, etag: string): Promise<Versioned<Recipient>> {
    const next = await replaceRow(
      this.recipients,
      this.recipientEntity(recipient),
      etag,
      'The recipient',
      () => this.getRecipient(recipient.announcementId, recipient.participantId),
    );
    return { value: recipient, etag: next };
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
    return rows.map((row) => ({
      value: JSON.parse(str(row, 'data')) as Recipient,
      etag: row.etag,
    }));
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
  return `${announcementId}|${bucket.toString(16).padStart(2, '0')}`;
}
