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
