import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { ConflictError, statusOf, translate } from './errors';

/** Table Storage accepts at most 100 operations in one transaction, all in one partition. */
export const MAX_BATCH = 100;

/**
 * Inserts entities of one partition in transactions of up to 100.
 * Each transaction is all-or-nothing; an existing key fails its transaction as a conflict.
 */
export async function insertPartition(
  table: TableClient,
  entities: TableEntity<Record<string, unknown>>[],
  what: string,
): Promise<void> {
  for (let i = 0; i < entities.length; i += MAX_BATCH) {
    const actions: TransactionAction[] = entities
      .slice(i, i + MAX_BATCH)
      .map((entity) => ['create', entity]);
    try {
      await table.submitTransaction(actions);
    } catch (error) {
      if (statusOf(error) === 409) throw new ConflictError(`${what} already exists`);
      translate(error);
    }
  }
}

/** Runs `work` over items with at most `limit` in flight at once. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
