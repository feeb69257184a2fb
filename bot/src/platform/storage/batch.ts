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

/**
 * Replaces entities of one partition, each only if unchanged since its ETag was read, in
 * transactions of up to 100. Each transaction is all-or-nothing. Answers how many entities were
 * in transactions refused because one of theirs changed (412) or is gone (404): the caller
 * reads again and retries those; nothing was overwritten.
 */
export async function tryReplacePartition(
  table: TableClient,
  rows: readonly { entity: TableEntity<Record<string, unknown>>; etag: string }[],
): Promise<number> {
  let refused = 0;
  for (let i = 0; i < rows.length; i += MAX_BATCH) {
    const chunk = rows.slice(i, i + MAX_BATCH);
    const actions: TransactionAction[] = chunk.map(({ entity, etag }) => [
      'update',
      entity,
      'Replace',
      { etag },
    ]);
    try {
      await table.submitTransaction(actions);
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) refused += chunk.length;
      else translate(error);
    }
  }
  return refused;
}
