/**
 * Matching: the reverse pool's engine (pure domain), and proposals: runs as drafts the
 * coordinator reviews (lock, unlock, swap, remove, rerun, compare), published once.
 */
export * from './domain';
export * from './domain/proposal';
export type {
  ApplicantOutcome,
  CohortMember,
  MatchApplicants,
  MatchingDeps,
  PairPublisher,
  PairToPublish,
  PublishedPair,
} from './ports';
export { MatchingRepository } from './store/matching-repository';
export { MatchingService } from './services/matching-service';
export { PublishService } from './services/publish-service';
export { type MatchingRouteDeps, registerMatchingRoutes } from './http/matching-routes';
