import * as z from 'zod';
import { STAFF_ROLES, type StaffRole } from './staff-access';
import { cleanText } from './text';

/**
 * Granting and listing staff roles on the wire. The roles themselves and what they open are in
 * staff-access.ts (no zod, so the tab's first screen can use them without the validation
 * library); they are re-exported here so the service finds every role contract in one place.
 */
export * from './staff-access';

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
