/**
 * Cohorts and people: cohorts and their cadence, the roster and its import, pairs, roles and
 * linking a sign-in to a participant. Other features use this surface (and the contract in
 * `contracts/cohorts.ts`), never the folders behind it.
 */

// Domain: the shapes other features reason about, and their pure rules.
export type { Cohort, ProgrammeChannel } from './domain/cohort';
export { createCohort } from './domain/cohort';
export { type Pair, partnerOf } from './domain/pair';
export type { Participant } from './domain/participant';
export { type RoleGrant, type Grantee, accessFrom, grantId } from './domain/roles';
export { newId, normaliseEmail } from './domain/ids';
export { emailMayLink } from './domain/linking';
export { cohortView, pairStateView, participantView, partnerView } from './domain/views';
export type { Arrangement, Cadence, PairState, ProgrammeRole } from '../../contracts/cohorts';
export type { CohortInput as NewCohort } from './domain/cohort';
export type { StaffAccess, StaffRole } from '../../contracts/roles';
export { DEFAULT_CADENCE } from '../../contracts/cohorts';

// Services.
export { CohortService, type CohortStores, type PairWithPartner } from './services/cohort-service';
export {
  IdentityService,
  type IdentityStores,
  type Person,
  type Standing,
} from './services/identity-service';
export { MeService, type SignedIn } from './services/me-service';
export { LinkService, type LinkStores } from './services/link-service';
export { type Imported, RosterService, type RosterStores } from './services/roster-service';
export { type Actor, RoleService, type RoleStores } from './services/role-service';

// Stores, for the composition root and for other features' services that read people.
export { CohortRepository } from './store/cohort-repository';
export {
  type Membership,
  MembershipRepository,
  emailKey,
  userKey,
} from './store/membership-repository';
export { LinkRepository } from './store/link-repository';
export { PairRepository } from './store/pair-repository';
export { ParticipantRepository } from './store/participant-repository';
export { RoleRepository } from './store/role-repository';

// Transport.
export { type CohortRouteDeps, registerCohortRoutes } from './http/cohort-routes';
export { type MeRouteDeps, registerMeRoutes } from './http/me-routes';
export { type LinkRouteDeps, registerLinkRoutes } from './http/link-routes';
export { type RoleRouteDeps, registerRoleRoutes } from './http/role-routes';
