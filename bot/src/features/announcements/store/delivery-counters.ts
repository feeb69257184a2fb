import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { DeliveryCounts, Recipient } from '../domain/announcement';
import { COUNT_FIELDS, addCounts, isChannelRow } from '../domain/delivery-report';
import { deliveryCounts } from '../domain/announcement';
import { ConflictError, statusOf, translate } from '../../../platform/storage/errors';
import { getRow, listPartition } from '../../../platform/storage/versioned';

/**
 * The RowKey of a bucket's counter row: in the bucket's own partition, after every participant
 * id ('~' sorts after letters and digits), so it changes in the same transaction as the row.
 */
export const COUNTS_ROW = '~counts';

/** Cached counter rows (this instance's last write to each bucket): bounded. */
const CACHE_SIZE = 2048;
/**
 * A transaction refused this often only because others kept writing the same bucket gives up
 * as a conflict. Each refusal means another writer got through, so this is never reached in
 * practice; giving up early would cost an outcome (the row left `sending`, later unconfirmed).
 */
const MAX_TRIES = 50;

interface Counter {
  counts: DeliveryCounts;
  /** Undefined while the row does not exist yet. */
  etag?: string;
}

/** What a refused transaction was about: `retry` when only the counter had moved on. */
export type Refusal = () => Promise<'retry'>;

/**
 * Delivery counters, one row per recipient bucket (`{announcement id}|{bucket}`, RowKey
 * `~counts`): every change to a person's row is one transaction with its bucket's counter, so
 * the counts can never drift from the rows, whatever dies when. No row is written by everyone:
 * a bucket's counter only by the writes to that bucket. Reading the counts is 32 point reads.
 */
export class DeliveryCounters {
  private readonly cache = new Map<string, Counter>();
  private readonly locks = new Map<string, Promise<void>>();

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
        const entity = counterEntity(partition, counts);
        const counterAction: TransactionAction = counter.etag
          ? ['update', entity, 'Replace', { etag: counter.etag }]
          : ['create', entity];
        try {
          const response = await this.table().submitTransaction([...actions, counterAction]);
          // Sub-responses come in the order of the actions (an update's carries no RowKey).
          const etags = response.subResponses.map((r) => r.etag?.trim() || undefined);
          const etag = etags[actions.length];
          this.remember(partition, etag ? { counts, etag } : undefined);
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

  /** The counts of one bucket as stored; undefined when it has no counter row. */
  async get(partition: string): Promise<DeliveryCounts | undefined> {
    const row = await getRow(this.table(), partition, COUNTS_ROW);
    return row ? countsOf(row) : undefined;
  }

  /** The counter as stored, or (no row yet) the bucket's rows counted, to be created. */
  private async read(partition: string): Promise<Counter> {
    const row = await getRow(this.table(), partition, COUNTS_ROW);
    if (row) return { counts: countsOf(row), etag: row.etag };
    const rows = await listPartition(this.table(), partition);
    const people = rows
      .filter((r) => r.rowKey !== COUNTS_ROW)
      .map((r) => JSON.parse(String(r.data)) as Recipient)
      .filter((r) => !isChannelRow(r));
    return { counts: deliveryCounts(people) };
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

function counterEntity(partition: string, counts: DeliveryCounts) {
  const entity: Record<string, unknown> = { partitionKey: partition, rowKey: COUNTS_ROW };
  for (const key of COUNT_FIELDS) entity[key] = counts[key];
  return entity as { partitionKey: string; rowKey: string };
}

function countsOf(row: Record<string, unknown>): DeliveryCounts {
  const counts = deliveryCounts([]);
  for (const key of COUNT_FIELDS) counts[key] = Number(row[key] ?? 0);
  return counts;
}
