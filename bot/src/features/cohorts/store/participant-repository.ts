import type { Participant, ProgrammeRole } from '../domain/participant';
import { insertPartition } from '../../../platform/storage/batch';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  listPartition,
  optStr,
  replaceRow,
  str,
} from '../../../platform/storage/versioned';

/** Participants: PartitionKey cohort id, RowKey participant id. A cohort's roster is one query. */

type Row = Record<string, unknown> & { rowKey?: string };

function toEntity(p: Participant) {
  return {
    partitionKey: p.cohortId,
    rowKey: p.id,
    displayName: p.displayName,
    email: p.email,
    userId: p.userId ?? '',
    role: p.role,
    organisation: p.organisation ?? '',
    jobTitle: p.jobTitle ?? '',
    createdAt: p.createdAt,
  };
}

function fromEntity(row: Row): Participant {
  return {
    id: String(row.rowKey),
    cohortId: str(row, 'partitionKey'),
    displayName: str(row, 'displayName'),
    email: str(row, 'email'),
    userId: optStr(row, 'userId'),
    role: str(row, 'role') as ProgrammeRole,
    organisation: optStr(row, 'organisation'),
    jobTitle: optStr(row, 'jobTitle'),
    createdAt: str(row, 'createdAt'),
  };
}

export class ParticipantRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('participants');
  }

  /** Inserts a cohort's new participants, 100 to a transaction. */
  async createMany(cohortId: string, participants: Participant[]): Promise<void> {
    await insertPartition(
      this.table,
      participants.map((p) => toEntity({ ...p, cohortId })),
      'A participant',
    );
  }

  async get(cohortId: string, id: string): Promise<Versioned<Participant> | undefined> {
    const row = await getRow(this.table, cohortId, id);
    return row ? { value: fromEntity(row), etag: row.etag } : undefined;
  }

  async listByCohort(cohortId: string): Promise<Participant[]> {
    const rows = await listPartition(this.table, cohortId);
    return rows.map(fromEntity).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** The roster with each row's ETag, for changes guarded by If-Match. */
  async listVersioned(cohortId: string): Promise<Versioned<Participant>[]> {
    const rows = await listPartition(this.table, cohortId);
    return rows.map((row) => ({ value: fromEntity(row), etag: row.etag }));
  }

  async update(p: Participant, etag: string): Promise<Versioned<Participant>> {
    const next = await replaceRow(
      this.table,
      toEntity(p),
      etag,
      `Participant ${p.displayName}`,
      () => this.get(p.cohortId, p.id),
    );
    return { value: p, etag: next };
  }
}
