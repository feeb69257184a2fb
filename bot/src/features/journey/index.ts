/**
 * The journey feature's surface for other features. (A minimal start: only what the cohort
 * routes and the channel home use; the journey feature extends it.)
 */
export type { Meeting } from './domain/pair-space';
export { progress } from './domain/meeting-plan';
export { type PairHealthRow, cohortHealth } from './services/cohort-health';
