import { createHash } from 'node:crypto';
import type { StaffAccess, StaffRole } from '../../../contracts/roles';

export type { StaffAccess, StaffRole };

/** Who a grant is for: an Entra object id, or a work email until its owner first signs in. */
export type Grantee = { userId: string; email?: undefined } | { email: string; userId?: undefined };

export interface RoleGrant {
  role: StaffRole;
  /** The cohort a coordinator or sponsor role is for; undefined for a programme admin. */
  cohortId?: string;
  grantee: Grantee;
  /** The name the granter gave, shown until the person signs in. */
  name?: string;
  /** Object id of who granted it, or why (`configuration`, `demo`). */
  grantedBy: string;
  grantedAt: string;
}

/** A grant's opaque id: the same grant (person, role, cohort) always has the same id. */
export function grantId(grant: Pick<RoleGrant, 'role' | 'cohortId' | 'grantee'>): string {
  const who = grant.grantee.userId
    ? `user:${grant.grantee.userId.toLowerCase()}`
    : `email:${grant.grantee.email?.toLowerCase()}`;
  return createHash('sha256')
    .update(`${who}\n${grant.role}\n${grant.cohortId ?? ''}`)
    .digest('hex')
    .slice(0, 32);
}

/** What a person's grants open. */
export function accessFrom(grants: readonly Pick<RoleGrant, 'role' | 'cohortId'>[]): StaffAccess {
  const coordinatorOf = new Set<string>();
  const sponsorOf = new Set<string>();
  let programmeAdmin = false;
  for (const g of grants) {
    if (g.role === 'programme_admin') programmeAdmin = true;
    else if (g.cohortId && g.role === 'coordinator') coordinatorOf.add(g.cohortId);
    else if (g.cohortId && g.role === 'sponsor') sponsorOf.add(g.cohortId);
  }
  return { programmeAdmin, coordinatorOf: [...coordinatorOf], sponsorOf: [...sponsorOf] };
}
