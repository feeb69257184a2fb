/** Roles that widen what a person may see beyond their own pair. */
export type StaffRole = 'coordinator' | 'sponsor';

export interface RoleGrant {
  userId: string;
  role: StaffRole;
  grantedBy: string;
  grantedAt: string;
}

export function isCoordinator(roles: readonly StaffRole[]): boolean {
  return roles.includes('coordinator');
}
