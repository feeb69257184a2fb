import { randomUUID } from 'node:crypto';
import { type TableClient, type TransactionAction, odata } from '@azure/data-tables';
import type { DeliveryCounts, Recipient } from '../domain/announcement';
import { COUNT_FIELDS, addCounts, isChannelRow } from '../domain/delivery-report';
import { deliveryCounts } from '../domain/announcement';
import { ConflictError, statusOf, translate } from '../../../platform/storage/errors';
import { listPartition, listPartitionRange } from '../../../platform/storage/versioned';

/**
 * The RowKeys of a bucket's counter rows start with this: in the bucket's own partition, after
 * every participant id ('~' sorts after letters and digits), so a counter changes in the same
 * transaction as the person's row. `~counts|base` holds what the bucket's first write found
 * there; `~counts|{writer}` what each writer (one per repository, so per process) changed since.
 * No row is written by two instances: their sends never contend on a counter.
 */
export const COUNTS_ROW = '~counts';
const BASE_ROW = `${COUNTS_ROW}|base`;

/** Is this RowKey one of a bucket's counter rows (not a person's)? */
export function isCounterRow(rowKey: unknown): boolean {
  return String(rowKey).startsWith(COUNTS_ROW);
}

/** Cached counter rows (this instance's last write to each bucket): bounded. */
const CACHE_SIZE = 2048;
/**
 * A transaction refused this often only because others kept writing the same bucket gives up
 * as a conflict. Each refusal means another writer got through, so this is never reached in
 * practice; giving up early would cost an outcome (the row left `sending`, later unconfirmed).
 */
const MAX_TRIES = 50;

interface Counter {
  /** The counter row this writer moves: its own, or (a bucket's first write) the base. */
  rowKey: string;
  counts: DeliveryCounts;
  /** Undefined while the row does not exist yet. */
  etag?: string;
}

/** What a refused transaction was about: `retry` when only the counter had moved on. */
export type Refusal = () => Promise<'retry'>;

/**
 * Delivery counters, per recipient bucket (`{announcement id}|{bucket}`) and writer: every
 * change to a person's row is one transaction with this writer's counter row in that bucket, so
 * the counts can never drift from the rows, whatever dies when. No row is written by everyone,
 * nor by two instances. Reading the counts is one small query per bucket, summed.
 */
export class DeliveryCounters {
  private readonly cache = new Map<string, Counter>();
  private readonly locks = new Map<string, Promise<void>>();

  private readonly own = `${COUNTS_ROW}|${randomUUID()}`;

  constructor(private readonly table: () => TableClient) {}

  /**
   * Submits `actions` (rows of one partition) with the counter moved by `delta`, all or
   * nothing; answers each action's new ETag. On a refusal `refused` is asked why: it throws when
   * a row was at fault, or answers `retry` (the counter was stale: read again, try again).
   */
  async commit(
    partition: string,
    actions: TransactionAction[],
    delta: DeliveryCounts,
    refused: Refusal,
  ): Promise<(string | undefined)[]> {
    return this.locked(partition, async () => {
      for (let attempt = 1; ; attempt++) {
        const counter = this.cache.get(partition) ?? (await this.read(partition));
        const counts = addCounts(counter.counts, delta);
        const entity = counterEntity(partition, counter.rowKey, counts);
        const counterAction: TransactionAction = counter.etag
          ? ['update', entity, 'Replace', { etag: counter.etag }]
          : ['create', entity];
        try {
          const response = await this.table().submitTransaction([...actions, counterAction]);
          // Sub-responses come in the order of the actions (an update's carries no RowKey).
          const etags = response.subResponses.map((r) => r.etag?.trim() || undefined);
          const etag = etags[actions.length];
          // Only its own row is cached: the base is written once, by whichever writer came first.
          const mine = etag && counter.rowKey === this.own;
          this.remember(partition, mine ? { rowKey: this.own, counts, etag } : undefined);
          return actions.map((_, i) => etags[i]);
        } catch (error) {
          this.remember(partition, undefined);
          const status = statusOf(error);
          if (status !== 412 && status !== 409 && status !== 404) return translate(error);
          await refused();
          if (attempt >= MAX_TRIES) throw new ConflictError('The delivery counts kept changing');
        }
      }
    });
  }

  /**
   * Each bucket's counts as stored (its counter rows summed), by bucket partition; a bucket with
   * no counter row is absent. One query over the announcement's partition range, for counter
   * RowKeys only: no person's row comes back.
   */
  async ofAnnouncement(announcementId: string): Promise<Map<string, DeliveryCounts>> {
    const rows = await listPartitionRange(
      this.table(),
      announcementId,
      `${announcementId}}`,
      odata`RowKey ge ${COUNTS_ROW} and RowKey lt ${`${COUNTS_ROW}~`}`,
    );
    const counts = new Map<string, DeliveryCounts>();
    for (const row of rows) {
      const partition = String(row.partitionKey);
      counts.set(partition, addCounts(counts.get(partition) ?? deliveryCounts([]), countsOf(row)));
    }
    return counts;
  }

  /**
   * The counter this writer moves next: its own row as stored; a new own row from zero when the
   * bucket has counters already; else (the bucket's first counted write) the base, from the
   * bucket's rows as they are. Two writers racing to create the base: one wins, the other is
   * refused (409) and reads again.
   */
  private async read(partition: string): Promise<Counter> {
    const counters = await this.counterRows(partition);
    const own = counters.find((r) => r.rowKey === this.own);
    if (own) return { rowKey: this.own, counts: countsOf(own), etag: own.etag };
    if (counters.length > 0) return { rowKey: this.own, counts: deliveryCounts([]) };
    const rows = await listPartition(this.table(), partition);
    const people = rows
      .filter((r) => !isCounterRow(r.rowKey))
      .map((r) => JSON.parse(String(r.data)) as Recipient)
      .filter((r) => !isChannelRow(r));
    return { rowKey: BASE_ROW, counts: deliveryCounts(people) };
  }

  private counterRows(partition: string) {
    return listPartition(
      this.table(),
      partition,
      odata`RowKey ge ${COUNTS_ROW} and RowKey lt ${`${COUNTS_ROW}~`}`,
    );
  }

  private remember(partition: string, counter: Counter | undefined): void {
    this.cache.delete(partition);
    if (!counter) return;
    this.cache.set(partition, counter);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /** One writer per bucket at a time in this instance: its cached counter stays current. */
  private async locked<T>(partition: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(partition) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    this.locks.set(partition, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.locks.get(partition) === chained) this.locks.delete(partition);
    }
  }
}

function counterEntity(partition: string, rowKey: string, counts: DeliveryCounts) {
  const entity: Record<string, unknown> = { partitionKey: partition, rowKey };
  for (const key of COUNT_FIELDS) entity[key] = counts[key];
  return entity as { partitionKey: string; rowKey: string };
}

function countsOf(row: Record<string, unknown>): DeliveryCounts {
  const counts = deliveryCounts([]);
  for (const key of COUNT_FIELDS) counts[key] = Number(row[key] ?? 0);
  return counts;
}
