import type { TableStore } from './table-store';
import { encodeKey, getRow, insertRow, str } from './versioned';
import { ConflictError } from './errors';

/**
 * At most one nudge message per person per day: the first bundle of the day claims the
 * person's day (an insert that fails for anyone else); later work waits for the next day.
 * PartitionKey `user:{entra object id}`, RowKey the person's local date (yyyy-mm-dd).
 */
export class DailySendLedger {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('dailySends');
  }

  /**
   * Claims `day` for these jobs. True when they may be sent: the day was free, or it was
   * already claimed for one of these very jobs (a retry after a crash mid-send).
   */
  async claim(userId: string, day: string, jobIds: string[], now: Date): Promise<boolean> {
    const partitionKey = `user:${encodeKey(userId.toLowerCase())}`;
    try {
      await insertRow(
        this.table,
        { partitionKey, rowKey: day, jobIds: JSON.stringify(jobIds), claimedAt: now.toISOString() },
        'Today’s message',
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const row = await getRow(this.table, partitionKey, day);
      const claimed = row ? (JSON.parse(str(row, 'jobIds') || '[]') as string[]) : [];
      return jobIds.some((id) => claimed.includes(id));
    }
  }
}
