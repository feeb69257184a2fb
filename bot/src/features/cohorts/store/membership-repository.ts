import type { ProgrammeRole } from '../domain/participant';
import { eachLimited } from '../../../platform/storage/batch';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  encodeKey,
  getRow,
  listPartition,
  optStr,
  str,
  tryDeleteRow,
  upsertRow,
} from '../../../platform/storage/versioned';

/**
 * Memberships: the index from a person to the cohorts they take part in.
 * PartitionKey `email:<email>` or `user:<entra object id>`, RowKey cohort id.
 * "Which cohorts and pair am I in?" is one partition query for either key.
 */

export interface Membership {
  cohortId: string;
  participantId: string;
  role: ProgrammeRole;
  displayName: string;
  pairId?: string;
}

export function emailKey(email: string): string {
  return `email:${encodeKey(email.trim().toLowerCase())}`;
}

export function userKey(userId: string): string {
  return `user:${encodeKey(userId.toLowerCase())}`;
}

type Row = Record<string, unknown> & { rowKey?: string };

function fromEntity(row: Row): Membership {
  return {
    cohortId: String(row.rowKey),
    participantId: str(row, 'participantId'),
    role: str(row, 'role') as ProgrammeRole,
    displayName: str(row, 'displayName'),
    pairId: optStr(row, 'pairId'),
  };
}

export class MembershipRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('memberships');
  }

  /** Writes (or refreshes) the index rows for each key given; keys are from emailKey/userKey. */
  async put(entries: { key: string; membership: Membership }[]): Promise<void> {
    await eachLimited(entries, 16, async ({ key, membership }) => {
      await upsertRow(this.table, {
        partitionKey: key,
        rowKey: membership.cohortId,
        participantId: membership.participantId,
        role: membership.role,
        displayName: membership.displayName,
        pairId: membership.pairId ?? '',
      });
    });
  }

  /** Removes one index row (the key's row for that cohort), if there is one. */
  async remove(key: string, cohortId: string): Promise<void> {
    const row = await getRow(this.table, key, cohortId);
    if (row) await tryDeleteRow(this.table, key, cohortId, row.etag);
  }

  async listFor(key: string): Promise<Membership[]> {
    return (await listPartition(this.table, key)).map(fromEntity);
  }
}
