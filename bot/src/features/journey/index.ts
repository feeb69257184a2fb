/**
 * The pair journey: introduction, relationship contract, meeting plan and schedule, the pair's
 * space (goals, actions, preparation, reflections), pausing and ending, the pairs' health, and
 * the journey's cards, card verbs, commands, jobs and routes. Other features and app/ use this
 * surface (and the contract in `contracts/journey.ts`), never the folders behind it.
 */

// Domain: what other features reason about.
export type { Meeting } from './domain/pair-space';
export { progress } from './domain/meeting-plan';
export { HEALTH_WORDS, type PairHealth } from './domain/pair-health';
export { resolveTimeZone } from './domain/send-window';
// The inputs a card or the tab sends, checked as they check them (the demo seed uses them too).
export {
  parseBooking,
  parseFit,
  parsePause,
  parseReflection,
  parseReview,
} from './domain/journey-inputs';
export {
  JOURNEY_JOB_KINDS,
  type JourneyJob,
  type JourneyJobKind,
  isJourneyJobKind,
} from './domain/journey-jobs';

// Services.
export { type JourneyServices, createJourneyServices } from './services/create-journey';
export type {
  Caller,
  JobSink,
  JourneyDeps,
  MembershipLookup,
  MyPair,
} from './services/journey-core';
export type { JourneyStores, PairContext } from './services/pair-context';
export { JourneyService } from './services/journey-service';
export { MeetingService } from './services/meeting-service';
export { PairWorkService } from './services/pair-work-service';
export { CoordinatorPairService } from './services/coordinator-pair-service';
export {
  CohortHealthService,
  type HealthStores,
  type PairHealthRow,
  cohortHealth,
} from './services/cohort-health';

// Stores, for the composition root.
export { type PairSpace, PairSpaceRepository } from './store/pair-space-repository';
export { DailySendLedger } from './store/daily-send-ledger';

// Cards other features show.
export { buildMyPairCard } from './cards/my-pair-card';

// Transport: routes, card verbs, commands and jobs.
export { type PairRouteDeps, registerPairRoutes } from './http/pair-routes';
export { JOURNEY_VERBS, type JourneyVerb, isJourneyVerb } from './cards/journey-verbs';
export { type CardActionDeps, journeyCardVerbs } from './teams/card-actions';
export { type JourneyCommandDeps, journeyCommands } from './teams/journey-commands';
export { type JourneyJobDeps, JourneyJobHandler } from './jobs/journey-job-handler';
export {
  NudgeDelivery,
  type NudgeDeliveryDeps,
  type PersonalChats,
} from './services/nudge-delivery';
