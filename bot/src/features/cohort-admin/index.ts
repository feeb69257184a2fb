/**
 * Running a cohort from the tab: editing, closing and archiving it; adding, correcting,
 * removing and moving its people; making, pausing, resuming and ending its pairs. Built on the
 * cohorts feature's records and the journey's pair lifecycle; every change is ETag-guarded and
 * recorded in the audit trail.
 */
export type { AdminDeps, AdminJourney, AdminStores, ParticipantMessages } from './ports';
export { CohortSettingsService, CLOSE_REASON } from './services/cohort-settings-service';
export { PeopleService } from './services/people-service';
export { PairAdminService } from './services/pair-admin-service';
export {
  BulkPairsService,
  type PairToPlace,
  type PersonToPlace,
  type PlacedPair,
} from './services/bulk-pairs-service';
export { teamsMessages } from './services/teams-messages';
export {
  type CohortAdminRouteDeps,
  cohortDetail,
  registerCohortAdminRoutes,
} from './http/cohort-admin-routes';
export { type PeopleRouteDeps, registerPeopleRoutes } from './http/people-routes';
export { type PairAdminRouteDeps, registerPairAdminRoutes } from './http/pair-admin-routes';
