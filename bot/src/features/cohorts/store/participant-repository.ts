import type { Participant, ProgrammeRole } from '../domain/participant';
import { insertPartition } from '../../../platform/storage/batch';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  listPartition,
  optStr,
  replaceRow,
  str,
  tryDeleteRow,
} from '../../../platform/storage/versioned';
import { ConflictError } from '../../../platform/storage/errors';

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
    band: p.band ?? '',
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
    band: optStr(row, 'band'),
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

  /** Adds one participant; a ConflictError if the id is taken. */
  async create(p: Participant): Promise<Versioned<Participant>> {
    const etag = await insertRow(this.table, toEntity(p), `Participant ${p.displayName}`);
    return { value: p, etag };
  }

  /** Removes a participant only if unchanged since `etag`; otherwise a ConflictError. */
  async remove(p: Participant, etag: string): Promise<void> {
    const removed = await tryDeleteRow(this.table, p.cohortId, p.id, etag);
    if (!removed) {
      const latest = await this.get(p.cohortId, p.id);
      if (latest) throw new ConflictError(`Participant ${p.displayName} changed`, latest);
    }
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
