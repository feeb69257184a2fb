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
  type GroupedCounts,
  type SensitiveAggregate,
  aggregateAnswers,
  countByGroup,
} from './domain/sensitive-aggregate';
export { ApplicationService } from './services/application-service';
export {
  ApplicationSettingsService,
  type CohortApplications,
} from './services/application-settings-service';
export { type MatchingApplicant, MatchingSource } from './services/matching-source';
export { SensitiveService } from './services/sensitive-service';
export { ApplicationRetention } from './services/application-retention';
export { type ApplicationRouteDeps, registerApplicationRoutes } from './http/application-routes';

// The review (issue 15, items 3–4): decisions, attendance, line-manager support.
export { type Review, createReview, isDecisionTell } from './review-feature';
export { type ReviewRouteDeps, registerReviewRoutes } from './http/review-routes';
export {
  APPLICATION_REVIEW_VERBS,
  type ReviewCardDeps,
  reviewCardVerbs,
} from './teams/manager-answer-action';
export { APPLY_VERBS, type ApplyDeps, type ApplyVerb, applyCardVerbs } from './teams/apply-verbs';
export { applyCommands } from './teams/apply-command';
