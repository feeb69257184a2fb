import type { StaffRole } from '../../../contracts/cohorts';

export type { StaffRole };

export interface RoleGrant {
  userId: string;
  role: StaffRole;
  grantedBy: string;
  grantedAt: string;
}

export function isCoordinator(roles: readonly StaffRole[]): boolean {
  return roles.includes('coordinator');
}
