import type { RoleGrant, StaffRole } from '../domain/roles';
import type { TableStore } from '../../../platform/storage/table-store';
import { encodeKey, listPartition, str, upsertRow } from '../../../platform/storage/versioned';

/** Roles: PartitionKey `user:<entra object id>`, RowKey role name. A person's roles are one query. */

function partition(userId: string): string {
  return `user:${encodeKey(userId.toLowerCase())}`;
}

export class RoleRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('roles');
  }

  async grant(grant: RoleGrant): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: partition(grant.userId),
      rowKey: grant.role,
      userId: grant.userId.toLowerCase(),
      grantedBy: grant.grantedBy,
      grantedAt: grant.grantedAt,
    });
  }

  async rolesOf(userId: string): Promise<StaffRole[]> {
    const rows = await listPartition(this.table, partition(userId));
    return rows.map((row) => str(row, 'rowKey') as StaffRole).sort();
  }
}
