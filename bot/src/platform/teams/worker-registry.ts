import type { TableStore } from '../storage/table-store';
import { listPartition, num, bool, upsertRow } from '../storage/versioned';

/**
 * Heartbeats of the instances taking fan-out work (table `FanoutWorkers`, PartitionKey
 * `workers`, RowKey the worker id), so each knows how many share Teams' rate limit.
 */
export class WorkerRegistry {
  constructor(
    private readonly store: TableStore,
    private readonly workerId: string,
  ) {}

  private get table() {
    return this.store.table('fanoutWorkers');
  }

  async beat(busy: boolean, now: Date): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: 'workers',
      rowKey: this.workerId,
      lastSeen: now.getTime(),
      busy,
    });
  }

  /** Instances seen sending within `withinMs` (this one included when it is busy). */
  async busyCount(now: Date, withinMs: number): Promise<number> {
    const since = now.getTime() - withinMs;
    const rows = await listPartition(this.table, 'workers');
    return rows.filter((r) => bool(r, 'busy') && num(r, 'lastSeen') >= since).length;
  }

  async leave(): Promise<void> {
    try {
      await this.table.deleteEntity('workers', this.workerId);
    } catch {
      // Gone already, or storage is down: its heartbeat simply ages out.
    }
  }
}
