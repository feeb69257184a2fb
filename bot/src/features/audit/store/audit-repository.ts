import { odata } from '@azure/data-tables';
import type {
  AuditChange,
  AuditEntry,
  AuditAction,
  AuditTargetKind,
} from '../../../contracts/audit';
import { AUDIT_ACTION_WORDS } from '../../../contracts/audit';
import type { TableStore } from '../../../platform/storage/table-store';
import { insertRow, optStr, pagesOf, str } from '../../../platform/storage/versioned';
import { trailKey } from '../domain/trail-order';

/**
 * The audit trail. One partition (`trail`: the programme team's actions are tens a day), RowKey
 * newest first (domain/trail-order.ts). Rows are only ever inserted, never changed or deleted,
 * except that erasing a person (features/data-rights) rewrites the entries naming them.
 */

const PARTITION = 'trail';

type Row = Record<string, unknown>;

function parseChanges(json: string): AuditChange[] {
  try {
    return JSON.parse(json || '[]') as AuditChange[];
  } catch {
    return [];
  }
}

function fromRow(row: Row): AuditEntry & { cursor: string } {
  const action = str(row, 'action') as AuditAction;
  const changes = parseChanges(str(row, 'changes'));
  return {
    cursor: str(row, 'rowKey'),
    id: str(row, 'id'),
    at: str(row, 'at'),
    action,
    actionText: AUDIT_ACTION_WORDS[action] ?? action,
    actorId: str(row, 'actorId'),
    actorName: str(row, 'actorName'),
    target: str(row, 'target') as AuditTargetKind,
    targetId: str(row, 'targetId'),
    targetLabel: str(row, 'targetLabel'),
    cohortId: optStr(row, 'cohortId') ?? null,
    changes,
    reason: optStr(row, 'reason') ?? null,
  };
}

export interface TrailQuery {
  cohortId?: string;
  action?: AuditAction;
  /** A cursor from a previous page: only older entries. */
  before?: string;
  limit: number;
}

export class AuditRepository {
  /** Orders entries recorded in the same millisecond (see trailKey). */
  private seq = 0;

  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('audit');
  }

  async append(entry: AuditEntry): Promise<void> {
    await insertRow(
      this.table,
      {
        partitionKey: PARTITION,
        rowKey: trailKey(entry.at, this.seq++, entry.id),
        id: entry.id,
        at: entry.at,
        action: entry.action,
        actorId: entry.actorId,
        actorName: entry.actorName,
        target: entry.target,
        targetId: entry.targetId,
        targetLabel: entry.targetLabel,
        cohortId: entry.cohortId ?? '',
        changes: JSON.stringify(entry.changes),
        reason: entry.reason ?? '',
      },
      'An audit entry',
    );
  }

  /** Entries newest first, `limit` at most, and the cursor for the next page (if any). */
  async page(query: TrailQuery): Promise<{ entries: AuditEntry[]; next: string | null }> {
    let filter = odata`PartitionKey eq ${PARTITION}`;
    if (query.before) filter += ` and ${odata`RowKey gt ${query.before}`}`;
    if (query.cohortId) filter += ` and ${odata`cohortId eq ${query.cohortId}`}`;
    if (query.action) filter += ` and ${odata`action eq ${query.action}`}`;
    const found: (AuditEntry & { cursor: string })[] = [];
    for await (const rows of pagesOf(this.table, filter, Math.min(1000, query.limit + 1))) {
      found.push(...rows.map(fromRow));
      if (found.length > query.limit) break;
    }
    const entries = found.slice(0, query.limit);
    const next = found.length > query.limit ? (entries.at(-1)?.cursor ?? null) : null;
    return { entries: entries.map(({ cursor: _cursor, ...entry }) => entry), next };
  }
}
