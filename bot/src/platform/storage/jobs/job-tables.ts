import type { TableClient } from '@azure/data-tables';
import type { TableStore } from '../table-store';
import { listRows } from '../versioned';

/**
 * The tables of the job store (keys in docs/storage.md):
 *
 * - `Jobs{yyyyMMdd}`: PartitionKey = due minute (`yyyyMMddHHmm`, UTC), RowKey = encoded job id.
 *   The jobs of one day live in their own table: a tick's range query then touches a day's rows,
 *   not the whole programme's, and old days can be dropped whole.
 * - `JobIndex`: PartitionKey = encoded job id, RowKey ''. Which bucket holds the job now; it is
 *   inserted first, so a second schedule of the same id is a 409, and its ETag serialises moves.
 * - `JobClaims`: PartitionKey = encoded job id, RowKey 'claim'. Who runs the job, until when, and
 *   finally that it ran. Kept after completion so a stale copy of the row can never run again.
 * - `SchedulerState`: PartitionKey 'watermark', RowKey ''. The oldest bucket that may still hold
 *   pending work.
 */
export class JobTables {
  constructor(
    private readonly store: TableStore,
    /** Only for placing jobs due in the past; claims and ticks take `now` explicitly. */
    readonly clock: () => Date,
  ) {}

  /** The day table holding a bucket's jobs. */
  jobsIn(bucket: string): TableClient {
    return this.store.clientNamed(jobsTableName(this.store, bucket));
  }

  /** Creates a day's table before its first row is written. */
  async ensureDay(bucket: string): Promise<void> {
    await this.store.ensureTableNamed(jobsTableName(this.store, bucket));
  }

  get index(): TableClient {
    return this.store.table('jobIndex');
  }

  get claims(): TableClient {
    return this.store.table('jobClaims');
  }

  get state(): TableClient {
    return this.store.table('schedulerState');
  }

  /** Every job row in every day table, oldest day first (diagnostics and tests). */
  async allRows(): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const name of await this.store.tableNamesStartingWith(this.store.tableName('jobs'))) {
      for (const row of await listRows(this.store.clientNamed(name))) rows.push(row);
    }
    return rows;
  }
}

/** The table holding one day's jobs: `Jobs{yyyyMMdd}` (with the store's prefix). */
export function jobsTableName(store: TableStore, bucket: string): string {
  return `${store.tableName('jobs')}${bucket.slice(0, 8)}`;
}
