import { randomBytes } from 'node:crypto';
import type { SensitiveAnswers } from '../../../contracts/applications';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  decodeKey,
  encodeKey,
  getRow,
  listPartition,
  str,
  tryDeleteRow,
  tryInsertRow,
  upsertRow,
} from '../../../platform/storage/versioned';

/**
 * Special-category answers, in their own table `ApplicationSensitive`: PartitionKey cohort id,
 * RowKey `answers|{object id}` (the author's answers and consents as JSON), and one `salt` row per
 * cohort, the random secret the matching tokens are made with. Only the applications service
 * reads it, and it hands values to nobody but their author.
 */

export interface StoredSensitive {
  answers: SensitiveAnswers;
  updatedAt: string;
}

const answersKey = (userId: string) => `answers|${encodeKey(userId)}`;
const SALT = 'salt';

export class SensitiveRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('applicationSensitive');
  }

  async get(cohortId: string, userId: string): Promise<StoredSensitive | undefined> {
    const row = await getRow(this.table, cohortId, answersKey(userId));
    return row ? (JSON.parse(str(row, 'data')) as StoredSensitive) : undefined;
  }

  /** The author's own answers: theirs alone to write, so the last save stands. */
  async put(cohortId: string, userId: string, stored: StoredSensitive): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: cohortId,
      rowKey: answersKey(userId),
      data: JSON.stringify(stored),
    });
  }

  async remove(cohortId: string, userId: string): Promise<void> {
    const row = await getRow(this.table, cohortId, answersKey(userId));
    if (row) await tryDeleteRow(this.table, cohortId, answersKey(userId), row.etag);
  }

  /** Every author's answers in a cohort, by object id (for matching tokens and aggregates). */
  async listByCohort(cohortId: string): Promise<Map<string, StoredSensitive>> {
    const rows = await listPartition(this.table, cohortId);
    const byUser = new Map<string, StoredSensitive>();
    for (const row of rows) {
      const key = String(row.rowKey);
      if (!key.startsWith('answers|')) continue;
      byUser.set(decodeKey(key.slice('answers|'.length)), JSON.parse(str(row, 'data')));
    }
    return byUser;
  }

  /** The cohort's token secret, made once (two first callers agree: the insert decides). */
  async salt(cohortId: string): Promise<string> {
    const existing = await getRow(this.table, cohortId, SALT);
    if (existing) return str(existing, 'salt');
    const fresh = randomBytes(32).toString('hex');
    const made = await tryInsertRow(this.table, {
      partitionKey: cohortId,
      rowKey: SALT,
      salt: fresh,
    });
    if (made !== undefined) return fresh;
    const winner = await getRow(this.table, cohortId, SALT);
    return str(winner!, 'salt');
  }
}
