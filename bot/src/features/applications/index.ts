/**
 * Applications: a cohort's application window and settings, each person's application (draft,
 * submit, withdraw), special-category answers kept apart, and "tell me about the next cohort".
 * Other features use this surface and the contract in `contracts/applications.ts`; the matching
 * feature reads accepted applicants through `MatchingSource.acceptedForMatching`.
 */
export { type Applications, createApplications } from './applications-feature';
export type {
  Applicant,
  ApplicationDeps,
  ApplicationStores,
  CohortLookup,
  EventLookup,
} from './ports';
export type { Application } from './domain/application';
export {
  type ApplicationWindow,
  instantInZone,
  submitRefusal,
  whenInWords,
  windowOf,
  windowState,
  windowView,
} from './domain/application-window';
export {
  AGGREGATE_FLOOR,
  type SensitiveAggregate,
  aggregateAnswers,
} from './domain/sensitive-aggregate';
export { ApplicationService } from './services/application-service';
export {
  ApplicationSettingsService,
  type CohortApplications,
} from './services/application-settings-service';
export { type MatchingApplicant, MatchingSource } from './services/matching-source';
export { SensitiveService } from './services/sensitive-service';
export { type ApplicationRouteDeps, registerApplicationRoutes } from './http/application-routes';
export { APPLY_VERBS, type ApplyDeps, type ApplyVerb, applyCardVerbs } from './teams/apply-verbs';
export { applyCommands } from './teams/apply-command';
