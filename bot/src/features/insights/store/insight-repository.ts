import { odata } from '@azure/data-tables';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  listPartition,
  replaceRow,
  str,
  tryDeleteRow,
} from '../../../platform/storage/versioned';
import type { Insight } from '../domain/insight';

/**
 * Insights and testimonials (docs/insights.md, docs/storage.md).
 *
 * `Insights`: PartitionKey cohort id, RowKey insight id; the record as JSON in `data`, with
 * `state` and the authors' participant ids (`author1`, `author2`) as columns so a person's own
 * and the board's rows are one query of the cohort's partition. Every change is guarded by the
 * row's ETag: a change made on a stale copy is refused with the latest one, never overwritten.
 */
export class InsightRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('insights');
  }

  async get(cohortId: string, id: string): Promise<Versioned<Insight> | undefined> {
    const row = await getRow(this.table, cohortId, id);
    return row ? { value: fromRow(row), etag: row.etag } : undefined;
  }

  create(insight: Insight): Promise<string> {
    return insertRow(this.table, toRow(insight), 'The insight');
  }

  /**
   * Replaces it only if unchanged since `etag` was read, else a ConflictError (412) without the
   * stored record: it holds the authors' ids, so the service adds the latest as its view.
   */
  update(insight: Insight, etag: string): Promise<string> {
    return replaceRow(this.table, toRow(insight), etag, 'The insight', () =>
      Promise.resolve(undefined),
    );
  }

  /** Deletes it only if unchanged since `etag` was read; false when it changed or is gone. */
  remove(cohortId: string, id: string, etag: string): Promise<boolean> {
    return tryDeleteRow(this.table, cohortId, id, etag);
  }

  /** Every insight of a cohort: one query of its partition. */
  async ofCohort(cohortId: string): Promise<Versioned<Insight>[]> {
    const rows = await listPartition(this.table, cohortId);
    return rows.map((row) => ({ value: fromRow(row), etag: row.etag }));
  }

  /** A cohort's insights in one state (the queue, the board): one query of its partition. */
  async inState(cohortId: string, state: Insight['state']): Promise<Versioned<Insight>[]> {
    const rows = await listPartition(this.table, cohortId, odata`state eq ${state}`);
    return rows.map((row) => ({ value: fromRow(row), etag: row.etag }));
  }

  /** The insights a participant is an author of, in one cohort. */
  async byAuthor(cohortId: string, participantId: string): Promise<Versioned<Insight>[]> {
    const filter = odata`author1 eq ${participantId} or author2 eq ${participantId}`;
    const rows = await listPartition(this.table, cohortId, filter);
    return rows.map((row) => ({ value: fromRow(row), etag: row.etag }));
  }
}

function toRow(insight: Insight) {
  return {
    partitionKey: insight.cohortId,
    rowKey: insight.id,
    state: insight.state,
    author1: insight.authorIds[0] ?? '',
    author2: insight.authorIds[1] ?? '',
    data: JSON.stringify(insight),
  };
}

function fromRow(row: Record<string, unknown>): Insight {
  return JSON.parse(str(row, 'data')) as Insight;
}
