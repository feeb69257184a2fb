import type { ErasureState } from '../../../contracts/data-rights';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  listPartition,
  optStr,
  replaceRow,
  str,
  tryInsertRow,
} from '../../../platform/storage/versioned';
import type { ErasedPerson } from '../domain/erasure-rules';

/**
 * Requests to erase and tombstones, in the `Erasures` table. A request: PartitionKey `request`,
 * RowKey the hash of the person's object id (so one per person). Its object id, name and reason
 * are cleared once the erasure is done. A tombstone: PartitionKey `tombstone`, RowKey the hash.
 */

export interface ErasureRecord {
  /** The hash of the object id: the request's id. */
  id: string;
  state: ErasureState;
  askedAt: string;
  decidedAt: string | null;
  objectId: string;
  name: string;
  reason: string;
  declineReason: string;
  /** What the run erases, fixed when confirmed so a retry finds the same rows. */
  person: ErasedPerson | null;
}

const REQUEST = 'request';
const TOMBSTONE = 'tombstone';

function toRow(r: ErasureRecord) {
  return {
    partitionKey: REQUEST,
    rowKey: r.id,
    state: r.state,
    askedAt: r.askedAt,
    decidedAt: r.decidedAt ?? '',
    objectId: r.objectId,
    name: r.name,
    reason: r.reason,
    declineReason: r.declineReason,
    person: r.person ? JSON.stringify(r.person) : '',
  };
}

function fromRow(row: Record<string, unknown>): ErasureRecord {
  const person = str(row, 'person');
  return {
    id: str(row, 'rowKey'),
    state: str(row, 'state') as ErasureState,
    askedAt: str(row, 'askedAt'),
    decidedAt: optStr(row, 'decidedAt') ?? null,
    objectId: str(row, 'objectId'),
    name: str(row, 'name'),
    reason: str(row, 'reason'),
    declineReason: str(row, 'declineReason'),
    person: person ? (JSON.parse(person) as ErasedPerson) : null,
  };
}

export class ErasureRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('erasures');
  }

  async get(id: string): Promise<Versioned<ErasureRecord> | undefined> {
    const row = await getRow(this.table, REQUEST, id);
    return row ? { value: fromRow(row), etag: row.etag } : undefined;
  }

  async insert(r: ErasureRecord): Promise<Versioned<ErasureRecord>> {
    const etag = await insertRow(this.table, toRow(r), 'A request to erase');
    return { value: r, etag };
  }

  /** Replaces the request if unchanged since `etag`; a ConflictError with the latest if not. */
  async replace(r: ErasureRecord, etag: string): Promise<Versioned<ErasureRecord>> {
    const next = await replaceRow(this.table, toRow(r), etag, 'The request to erase', () =>
      this.get(r.id),
    );
    return { value: r, etag: next };
  }

  async inStates(states: ErasureState[]): Promise<Versioned<ErasureRecord>[]> {
    const rows = await listPartition(this.table, REQUEST);
    return rows
      .map((row) => ({ value: fromRow(row), etag: row.etag }))
      .filter((r) => states.includes(r.value.state));
  }

  async isTombstoned(hash: string): Promise<boolean> {
    return (await getRow(this.table, TOMBSTONE, hash)) !== undefined;
  }

  /** Writes the tombstone (once; a second write is a no-op). */
  async tombstone(hash: string, at: string): Promise<void> {
    await tryInsertRow(this.table, { partitionKey: TOMBSTONE, rowKey: hash, at });
  }
}
