import type { LinkAction, LinkMethod } from '../../../contracts/cohorts';
import type { LinkRecord } from '../domain/linking';
import type { TableStore } from '../../../platform/storage/table-store';
import { insertRow, listPartition, optStr, str } from '../../../platform/storage/versioned';

/**
 * Link records: every time a sign-in was linked to a participant, or a coordinator undid a link.
 * PartitionKey cohort id, RowKey record id. Rows are only ever inserted: the record is an audit
 * trail, and a cohort's trail is one query.
 */

type Row = Record<string, unknown> & { rowKey?: string };

function fromEntity(row: Row): LinkRecord {
  return {
    id: String(row.rowKey),
    cohortId: str(row, 'partitionKey'),
    participantId: str(row, 'participantId'),
    displayName: str(row, 'displayName'),
    action: str(row, 'action') as LinkAction,
    via: str(row, 'via') as LinkMethod,
    userId: str(row, 'userId'),
    email: optStr(row, 'email') ?? null,
    by: str(row, 'by'),
    at: str(row, 'at'),
  };
}

export class LinkRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('participantLinks');
  }

  async record(record: LinkRecord): Promise<void> {
    await insertRow(
      this.table,
      {
        partitionKey: record.cohortId,
        rowKey: record.id,
        participantId: record.participantId,
        displayName: record.displayName,
        action: record.action,
        via: record.via,
        userId: record.userId.toLowerCase(),
        email: record.email ?? '',
        by: record.by.toLowerCase(),
        at: record.at,
      },
      'A link record',
    );
  }

  async listByCohort(cohortId: string): Promise<LinkRecord[]> {
    return (await listPartition(this.table, cohortId)).map(fromEntity);
  }
}
