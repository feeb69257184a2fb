import type { Arrangement, Pair, PairState } from '../domain/pair';
import { insertPartition } from '../../../platform/storage/batch';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  listPartition,
  replaceRow,
  str,
} from '../../../platform/storage/versioned';

/** Pairs: PartitionKey cohort id, RowKey pair id. A cohort's pairs are one query. */

type Row = Record<string, unknown> & { rowKey?: string };

function toEntity(p: Pair) {
  return {
    partitionKey: p.cohortId,
    rowKey: p.id,
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    arrangement: p.arrangement,
    state: p.state,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function fromEntity(row: Row): Pair {
  return {
    id: String(row.rowKey),
    cohortId: str(row, 'partitionKey'),
    mentorId: str(row, 'mentorId'),
    menteeId: str(row, 'menteeId'),
    arrangement: str(row, 'arrangement') as Arrangement,
    state: str(row, 'state') as PairState,
    createdAt: str(row, 'createdAt'),
    updatedAt: str(row, 'updatedAt'),
  };
}

export class PairRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('pairs');
  }

  async createMany(cohortId: string, pairs: Pair[]): Promise<void> {
    await insertPartition(
      this.table,
      pairs.map((p) => toEntity({ ...p, cohortId })),
      'A pair',
    );
  }

  async create(pair: Pair): Promise<Versioned<Pair>> {
    const etag = await insertRow(this.table, toEntity(pair), 'A pair');
    return { value: pair, etag };
  }

  /** The cohort's pairs with each row's ETag, for changes guarded by If-Match. */
  async listVersioned(cohortId: string): Promise<Versioned<Pair>[]> {
    return (await listPartition(this.table, cohortId)).map((row) => ({
      value: fromEntity(row),
      etag: row.etag,
    }));
  }

  async get(cohortId: string, id: string): Promise<Versioned<Pair> | undefined> {
    const row = await getRow(this.table, cohortId, id);
    return row ? { value: fromEntity(row), etag: row.etag } : undefined;
  }

  async listByCohort(cohortId: string): Promise<Pair[]> {
    return (await listPartition(this.table, cohortId)).map(fromEntity);
  }

  /** Saves a changed pair if nobody changed it since `etag`; otherwise a ConflictError. */
  async update(pair: Pair, etag: string): Promise<Versioned<Pair>> {
    const next = await replaceRow(this.table, toEntity(pair), etag, 'This pair', () =>
      this.get(pair.cohortId, pair.id),
    );
    return { value: pair, etag: next };
  }
}
