import type { PairStatusDetail } from '../domain/pair-lifecycle';
import type { TransactionAction } from '@azure/data-tables';
import { insertPartition } from '../../../platform/storage/batch';
import { ConflictError, statusOf, translate } from '../../../platform/storage/errors';
import type {
  AgreedAction,
  Contract,
  FinalReview,
  FitCheck,
  Goal,
  Meeting,
  Preparation,
  Reflection,
} from '../domain/pair-space';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  encodeKey,
  getRow,
  insertRow,
  listPartition,
  replaceRow,
  str,
  upsertRow,
} from '../../../platform/storage/versioned';

/**
 * Pair space: everything one pair builds together, in ONE partition keyed by pair id, so the
 * tab and the bot load a pair's whole space with a single query.
 *
 * RowKeys (kind prefix, then ids): `contract`; `meeting|{meetingId}`; `action|{actionId}`;
 * `prep|{meetingId}|{authorId}`; `reflection|{authorId}|{reflectionId}`; `review|{authorId}`;
 * `fit|{authorId}`; `goal|{goalId}`; `status`. Each row keeps the value as JSON in `data`.
 * Privacy is enforced above this layer (see services/pair-space-view.ts): a reflection row is
 * returned to its author, and to the partner only when shared.
 */

export const rowKeys = {
  contract: () => 'contract',
  meeting: (meetingId: string) => `meeting|${encodeKey(meetingId)}`,
  action: (actionId: string) => `action|${encodeKey(actionId)}`,
  preparation: (meetingId: string, authorId: string) =>
    `prep|${encodeKey(meetingId)}|${encodeKey(authorId)}`,
  reflection: (authorId: string, reflectionId: string) =>
    `reflection|${encodeKey(authorId)}|${encodeKey(reflectionId)}`,
  review: (authorId: string) => `review|${encodeKey(authorId)}`,
  fitCheck: (authorId: string) => `fit|${encodeKey(authorId)}`,
  status: () => 'status',
  goal: (goalId: string) => `goal|${encodeKey(goalId)}`,
};

/** Who paused or ended a pairing and why (coordinator only), and the pair's running facts. */
export interface PairStatusRecord extends PairStatusDetail {
  pairId: string;
  /** The time zone the pair's plan runs in (the mentee's, else the mentor's, else London). */
  timeZone?: string;
  /** Windows missed in a row at the latest close; drives "needs a check-in". */
  missedInARow: number;
  /** Per participant: reminders paused until this ISO instant. */
  remindersPausedUntil: Record<string, string>;
  updatedAt: string;
}

/** One row of a pair-space transaction: an insert, or a replace guarded by `etag`. */
export interface PairSpaceWrite {
  rowKey: string;
  value: unknown;
  etag?: string;
}

export interface PairSpace {
  pairId: string;
  contract?: Versioned<Contract>;
  meetings: Versioned<Meeting>[];
  actions: Versioned<AgreedAction>[];
  preparations: Versioned<Preparation>[];
  reflections: Versioned<Reflection>[];
  reviews: Versioned<FinalReview>[];
  fitChecks: Versioned<FitCheck>[];
  goals: Versioned<Goal>[];
  status?: Versioned<PairStatusRecord>;
}

type Kind =
  'contract' | 'meeting' | 'action' | 'prep' | 'reflection' | 'review' | 'fit' | 'status' | 'goal';

function kindOf(rowKey: string): Kind {
  return rowKey.split('|')[0] as Kind;
}

export class PairSpaceRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('pairSpace');
  }

  /** The whole space in one partition query. */
  async load(pairId: string): Promise<PairSpace> {
    const rows = await listPartition(this.table, pairId);
    const space: PairSpace = {
      pairId,
      meetings: [],
      actions: [],
      preparations: [],
      reflections: [],
      reviews: [],
      fitChecks: [],
      goals: [],
    };
    for (const row of rows) {
      const item = { value: JSON.parse(str(row, 'data')) as never, etag: row.etag };
      switch (kindOf(String(row.rowKey))) {
        case 'contract':
          space.contract = item;
          break;
        case 'meeting':
          space.meetings.push(item);
          break;
        case 'action':
          space.actions.push(item);
          break;
        case 'prep':
          space.preparations.push(item);
          break;
        case 'reflection':
          space.reflections.push(item);
          break;
        case 'review':
          space.reviews.push(item);
          break;
        case 'fit':
          space.fitChecks.push(item);
          break;
        case 'status':
          space.status = item;
          break;
        case 'goal':
          space.goals.push(item);
          break;
      }
    }
    space.meetings.sort((a, b) => a.value.windowStart.localeCompare(b.value.windowStart));
    space.actions.sort((a, b) => a.value.dueDate.localeCompare(b.value.dueDate));
    return space;
  }

  async get<T>(pairId: string, rowKey: string): Promise<Versioned<T> | undefined> {
    const row = await getRow(this.table, pairId, rowKey);
    return row ? { value: JSON.parse(str(row, 'data')) as T, etag: row.etag } : undefined;
  }

  /** Inserts a new row; an existing one is a ConflictError, never overwritten. */
  async insert<T>(pairId: string, rowKey: string, value: T): Promise<Versioned<T>> {
    const etag = await insertRow(
      this.table,
      { partitionKey: pairId, rowKey, data: JSON.stringify(value) },
      describe(rowKey),
    );
    return { value, etag };
  }

  /** Replaces a row only if unchanged since `etag`; otherwise a ConflictError with the latest. */
  async replace<T>(pairId: string, rowKey: string, value: T, etag: string): Promise<Versioned<T>> {
    const next = await replaceRow(
      this.table,
      { partitionKey: pairId, rowKey, data: JSON.stringify(value) },
      etag,
      describe(rowKey),
      () => this.get<T>(pairId, rowKey),
    );
    return { value, etag: next };
  }

  /** Writes a row whatever is there: only for rows one author alone owns and rewrites whole. */
  async put<T>(pairId: string, rowKey: string, value: T): Promise<Versioned<T>> {
    const etag = await upsertRow(this.table, {
      partitionKey: pairId,
      rowKey,
      data: JSON.stringify(value),
    });
    return { value, etag };
  }

  /**
   * Writes several rows of one pair all-or-nothing (one transaction, at most 100 rows):
   * inserts, and replaces that only succeed if each row is unchanged since its ETag.
   */
  async commit(pairId: string, writes: PairSpaceWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const actions: TransactionAction[] = writes.map((w) => {
      const entity = { partitionKey: pairId, rowKey: w.rowKey, data: JSON.stringify(w.value) };
      return w.etag ? ['update', entity, 'Replace', { etag: w.etag }] : ['create', entity];
    });
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 409) {
        throw new ConflictError('Something in this pair space was changed by someone else');
      }
      translate(error);
    }
  }

  /** Inserts many rows of one pair in one transaction (at most 100). */
  async insertMany(pairId: string, rows: { rowKey: string; value: unknown }[]): Promise<void> {
    if (rows.length === 0) return;
    await insertPartition(
      this.table,
      rows.map((r) => ({ partitionKey: pairId, rowKey: r.rowKey, data: JSON.stringify(r.value) })),
      'Part of this pair space',
    );
  }
}

function describe(rowKey: string): string {
  const names: Record<Kind, string> = {
    contract: 'The contract',
    meeting: 'This meeting',
    action: 'This action',
    prep: 'This preparation',
    reflection: 'This reflection',
    review: 'This review',
    fit: 'This answer',
    status: 'This pairing',
    goal: 'This goal',
  };
  return names[kindOf(rowKey)] ?? 'This record';
}
