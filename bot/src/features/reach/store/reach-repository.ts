import type { TableStore } from '../../../platform/storage/table-store';
import {
  encodeKey,
  getRow,
  listPartition,
  optStr,
  str,
  tryInsertRow,
  tryUpdateRow,
} from '../../../platform/storage/versioned';

/**
 * When the bot first found it could not message a participant (no chat with the app in Teams),
 * and when it last tried. PartitionKey the cohort id, RowKey the participant id. Written by the
 * journey's delivery each time it has to wait for someone; read for the coordinator's views.
 */

/** The bot's tries to reach one participant. */
export interface ReachAttempts {
  participantId: string;
  /** UTC ISO instant of the first try that found them unreachable. */
  since: string;
  /** UTC ISO instant of the latest. */
  lastTriedAt: string;
}

export class ReachRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('reach');
  }

  /** Notes one try that could not reach the participant; the first try's time is kept. */
  async noteUnreachable(cohortId: string, participantId: string, at: Date): Promise<void> {
    const partitionKey = encodeKey(cohortId);
    const rowKey = encodeKey(participantId);
    const when = at.toISOString();
    const row = await getRow(this.table, partitionKey, rowKey);
    if (!row) {
      const inserted = await tryInsertRow(this.table, {
        partitionKey,
        rowKey,
        participantId,
        since: when,
        lastTriedAt: when,
      });
      if (inserted !== undefined) return;
    }
    const current = row ?? (await getRow(this.table, partitionKey, rowKey));
    if (!current || str(current, 'lastTriedAt') >= when) return;
    // A lost race means someone else just noted a try: either time will do.
    await tryUpdateRow(this.table, { partitionKey, rowKey, lastTriedAt: when }, current.etag);
  }

  /** Every participant of the cohort the bot has had to wait for, by participant id. */
  async listByCohort(cohortId: string): Promise<Map<string, ReachAttempts>> {
    const rows = await listPartition(this.table, encodeKey(cohortId));
    const attempts = new Map<string, ReachAttempts>();
    for (const row of rows) {
      const participantId = str(row, 'participantId');
      attempts.set(participantId, {
        participantId,
        since: str(row, 'since'),
        lastTriedAt: optStr(row, 'lastTriedAt') ?? str(row, 'since'),
      });
    }
    return attempts;
  }
}
