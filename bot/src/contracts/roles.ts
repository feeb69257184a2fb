import * as z from 'zod';
import { cleanText } from './text';

/**
 * Staff roles and what they open, on the wire and as one pure rule the service and the tab both
 * use. A *programme admin* runs every cohort and grants roles; a *coordinator* runs only the
 * cohorts they are given; a *sponsor* reads aggregates of the cohorts they sponsor, no names.
 */

export const STAFF_ROLES = ['programme_admin', 'coordinator', 'sponsor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles given for one cohort; a programme admin's role covers every cohort. */
export const COHORT_ROLES = ['coordinator', 'sponsor'] as const satisfies readonly StaffRole[];

export const STAFF_ROLE_WORDS: Record<StaffRole, string> = {
  programme_admin: 'Programme admin',
  coordinator: 'Cohort coordinator',
  sponsor: 'Sponsor',
};

/** What a person's staff roles open: worked out from their grants on every request. */
export interface StaffAccess {
  programmeAdmin: boolean;
  /** Cohort ids they coordinate (besides every cohort, for a programme admin). */
  coordinatorOf: string[];
  /** Cohort ids they sponsor. */
  sponsorOf: string[];
}

export const NO_ACCESS: StaffAccess = { programmeAdmin: false, coordinatorOf: [], sponsorOf: [] };

/** Runs at least one cohort: may open the programme team's screens at all. */
export function isProgrammeTeam(access: StaffAccess): boolean {
  return access.programmeAdmin || access.coordinatorOf.length > 0;
}

/** May run this cohort: its people, pairs, events, announcements and health. */
export function mayRunCohort(access: StaffAccess, cohortId: string): boolean {
  return access.programmeAdmin || access.coordinatorOf.includes(cohortId);
}

/** May read this cohort's aggregates (counts only, never names). */
export function maySeeAggregates(access: StaffAccess, cohortId: string): boolean {
  return mayRunCohort(access, cohortId) || access.sponsorOf.includes(cohortId);
}

/** The distinct roles a person holds, in a stable order (for badges). */
export function rolesHeld(access: StaffAccess): StaffRole[] {
  const roles: StaffRole[] = [];
  if (access.programmeAdmin) roles.push('programme_admin');
  if (access.coordinatorOf.length > 0) roles.push('coordinator');
  if (access.sponsorOf.length > 0) roles.push('sponsor');
  return roles;
}

// ---------------------------------------------------------------- granting

export const ROLE_LIMITS = { email: 254, name: 120 } as const;

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /api/roles`: give someone a role, named by their work email (claimed by their verified
 * email at their first sign-in) or their Entra object id. Cohort roles name the cohort.
 */
export const newRoleGrantSchema = z
  .object({
    role: z.enum(STAFF_ROLES, { message: 'must be programme_admin, coordinator or sponsor' }),
    cohortId: z.string().trim().min(1, 'is required').optional(),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(ROLE_LIMITS.email, `must be at most ${ROLE_LIMITS.email} characters`)
      .email('must be an email address')
      .optional(),
    userId: z
      .string()
      .trim()
      .toLowerCase()
      .regex(OBJECT_ID, 'must be an Entra object id')
      .optional(),
    name: cleanText(
      z.string().trim().max(ROLE_LIMITS.name, `must be at most ${ROLE_LIMITS.name} characters`),
    ).optional(),
  })
  .strict()
  .refine((g) => Boolean(g.email) !== Boolean(g.userId), {
    message: 'give the person’s email or their Entra object id (one of them)',
    path: ['email'],
  })
  .refine((g) => g.role === 'programme_admin' || Boolean(g.cohortId), {
    message: 'choose the cohort this role is for',
    path: ['cohortId'],
  })
  .refine((g) => g.role !== 'programme_admin' || !g.cohortId, {
    message: 'a programme admin runs every cohort: leave the cohort empty',
    path: ['cohortId'],
  });

export type NewRoleGrant = z.infer<typeof newRoleGrantSchema>;

/** One grant in `GET /api/roles`. */
export interface RoleGrantView {
  /** Opaque id: `DELETE /api/roles/{id}` removes the grant. */
  id: string;
  role: StaffRole;
  roleText: string;
  cohortId: string | null;
  cohortName: string | null;
  /** Who holds it: object id once known, the email it was given to until then. */
  userId: string | null;
  email: string | null;
  name: string | null;
  /** False while a grant by email waits for the person's first sign-in. */
  claimed: boolean;
  grantedBy: string;
  grantedAt: string;
}

export interface RoleGrants {
  grants: RoleGrantView[];
}
