import type { TableClient, TransactionAction } from '@azure/data-tables';
import { MAX_BATCH } from './batch';
import { statusOf, translate } from './errors';

/** A row's keys: all a delete needs. */
export interface RowKeys {
  partitionKey: string;
  rowKey: string;
}

/**
 * Deletes the given rows, whatever they hold now, in transactions of up to 100 per partition.
 * A transaction refused because one of its rows is gone already (404) is done again one row at
 * a time, so a row deleted meanwhile is simply not counted. Answers how many rows it deleted.
 */
export async function deleteRows(table: TableClient, rows: readonly RowKeys[]): Promise<number> {
  const byPartition = new Map<string, RowKeys[]>();
  for (const row of rows) {
    byPartition.set(row.partitionKey, [...(byPartition.get(row.partitionKey) ?? []), row]);
  }
  let deleted = 0;
  for (const partition of byPartition.values()) {
    for (let i = 0; i < partition.length; i += MAX_BATCH) {
      const chunk = partition.slice(i, i + MAX_BATCH);
      const actions: TransactionAction[] = chunk.map(({ partitionKey, rowKey }) => [
        'delete',
        { partitionKey, rowKey },
      ]);
      try {
        await table.submitTransaction(actions);
        deleted += chunk.length;
      } catch (error) {
        if (statusOf(error) !== 404) translate(error);
        deleted += await deleteOneByOne(table, chunk);
      }
    }
  }
  return deleted;
}

async function deleteOneByOne(table: TableClient, rows: readonly RowKeys[]): Promise<number> {
  let deleted = 0;
  for (const { partitionKey, rowKey } of rows) {
    try {
      await table.deleteEntity(partitionKey, rowKey);
      deleted += 1;
    } catch (error) {
      if (statusOf(error) !== 404) translate(error);
    }
  }
  return deleted;
}
