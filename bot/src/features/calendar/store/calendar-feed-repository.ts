import { createHash } from 'node:crypto';
import type { TableStore } from '../../../platform/storage/table-store';
import { encodeKey, getRow, str, upsertRow } from '../../../platform/storage/versioned';
import { statusOf, translate } from '../../../platform/storage/errors';

/**
 * Personal calendar feeds: an unguessable token in the URL stands for a person. Only the
 * token's SHA-256 is stored (PartitionKey `token:{hash}`), with the person's current token hash
 * under `user:{object id}` so a new feed revokes the old one.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class CalendarFeedRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('calendarFeeds');
  }

  /** Records a new feed token for the person and revokes any earlier one. */
  async replace(userId: string, token: string, now: Date): Promise<void> {
    const userKey = `user:${encodeKey(userId.toLowerCase())}`;
    const previous = await getRow(this.table, userKey, 'feed');
    const hash = hashToken(token);
    await upsertRow(this.table, {
      partitionKey: `token:${hash}`,
      rowKey: '',
      userId,
      createdAt: now.toISOString(),
    });
    await upsertRow(this.table, { partitionKey: userKey, rowKey: 'feed', tokenHash: hash });
    if (previous) await this.forget(str(previous, 'tokenHash'));
  }

  async revoke(userId: string): Promise<void> {
    const userKey = `user:${encodeKey(userId.toLowerCase())}`;
    const current = await getRow(this.table, userKey, 'feed');
    if (current) await this.forget(str(current, 'tokenHash'));
  }

  /** The person a feed token stands for, or undefined if it was never issued or was revoked. */
  async userFor(token: string): Promise<string | undefined> {
    const row = await getRow(this.table, `token:${hashToken(token)}`, '');
    return row ? str(row, 'userId') : undefined;
  }

  private async forget(tokenHash: string): Promise<void> {
    try {
      await this.table.deleteEntity(`token:${tokenHash}`, '');
    } catch (error) {
      if (statusOf(error) !== 404) translate(error);
    }
  }
}
