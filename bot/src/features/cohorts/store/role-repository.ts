import type { Grantee, RoleGrant, StaffRole } from '../domain/roles';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  encodeKey,
  listPartition,
  listRows,
  optStr,
  str,
  tryDeleteRow,
  upsertRow,
} from '../../../platform/storage/versioned';

/**
 * Role grants. PartitionKey `user:<entra object id>` (or `email:<address>` for a grant waiting
 * for its owner's first sign-in), RowKey `programme_admin` or `<role>:<cohortId>`: a person's
 * grants are one query. Listing every grant (the programme admin's screen) reads the table,
 * which holds a row per staff role: tens, not thousands.
 */

function partition(grantee: Grantee): string {
  return grantee.userId
    ? `user:${encodeKey(grantee.userId.toLowerCase())}`
    : `email:${encodeKey((grantee.email ?? '').toLowerCase())}`;
}

function rowKey(role: StaffRole, cohortId: string | undefined): string {
  return cohortId ? `${role}:${encodeKey(cohortId)}` : role;
}

/** The RowKey of a role written before roles were scoped to cohorts. */
const LEGACY_ADMIN_KEY = 'coordinator';

type Row = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag?: string };

function fromRow(row: Row): RoleGrant {
  const key = str(row, 'rowKey');
  // A row written before roles were scoped to cohorts ('coordinator', no cohort) ran every
  // cohort: it reads as a programme admin.
  const legacy = key === LEGACY_ADMIN_KEY;
  const role = (legacy ? 'programme_admin' : str(row, 'role') || key) as StaffRole;
  const userId = optStr(row, 'userId');
  return {
    role,
    cohortId: legacy ? undefined : optStr(row, 'cohortId'),
    grantee: userId ? { userId } : { email: str(row, 'email') },
    name: optStr(row, 'name'),
    grantedBy: str(row, 'grantedBy'),
    grantedAt: str(row, 'grantedAt'),
  };
}

export class RoleRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('roles');
  }

  /** Records a grant (granting the same role twice keeps one row, the latest). */
  async grant(grant: RoleGrant): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: partition(grant.grantee),
      rowKey: rowKey(grant.role, grant.cohortId),
      role: grant.role,
      cohortId: grant.cohortId ?? '',
      userId: grant.grantee.userId?.toLowerCase() ?? '',
      email: grant.grantee.email?.toLowerCase() ?? '',
      name: grant.name ?? '',
      grantedBy: grant.grantedBy,
      grantedAt: grant.grantedAt,
    });
  }

  /** The grants held by an object id, or waiting for an email. */
  async grantsOf(grantee: Grantee): Promise<RoleGrant[]> {
    const rows = await listPartition(this.table, partition(grantee));
    return rows.map(fromRow);
  }

  /** Every grant (programme admin's screen). */
  async all(): Promise<RoleGrant[]> {
    return (await listRows(this.table)).map(fromRow);
  }

  /** Removes a grant; false when it was already gone. One delete by its keys, no read first. */
  async remove(grant: Pick<RoleGrant, 'role' | 'cohortId' | 'grantee'>): Promise<boolean> {
    const pk = partition(grant.grantee);
    if (await tryDeleteRow(this.table, pk, rowKey(grant.role, grant.cohortId), '*')) return true;
    // A programme admin may still be stored under the old unscoped 'coordinator' row (fromRow).
    return grant.role === 'programme_admin'
      ? tryDeleteRow(this.table, pk, LEGACY_ADMIN_KEY, '*')
      : false;
  }
}
