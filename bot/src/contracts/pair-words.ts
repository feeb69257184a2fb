/**
 * A pair's states and health, and the one set of words for them, kept free of the validation
 * library so the tab's first screen can use them without loading it (see
 * tests/infra/tab-build.test.ts). `contracts/cohorts.ts` re-exports all of it.
 */

export const PAIR_STATES = [
  'proposed',
  'introduced',
  'active',
  'paused',
  'completed',
  'ended_early',
] as const;
export type PairState = (typeof PAIR_STATES)[number];

/**
 * The one set of words for a pair's state, on every screen and card (the partners' tab and
 * cards, the programme team's health table and CSV). Words a participant understands.
 */
export const PAIR_STATE_WORDS: Record<PairState, string> = {
  proposed: 'Proposed',
  introduced: 'Introduced',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  ended_early: 'Ended early',
};

// ---------------------------------------------------------------- the pairs' health

/** How a pair is doing, as the programme team sees it: states and counts, never content. */
export const PAIR_HEALTHS = [
  'starting',
  /** Introduced, but the contract is not agreed five working days on (after one gentle chaser). */
  'not_started',
  'on_track',
  'needs_check_in',
  'at_risk',
  'paused',
  'ended',
  'completed',
] as const;
export type PairHealth = (typeof PAIR_HEALTHS)[number];

/**
 * Words for each health (the count tiles and filter). A pair that is not meeting reads as its
 * state (PAIR_STATE_WORDS): `starting` covers the proposed and the introduced.
 */
export const HEALTH_WORDS: Record<PairHealth, string> = {
  starting: `${PAIR_STATE_WORDS.proposed} or ${PAIR_STATE_WORDS.introduced.toLowerCase()}`,
  not_started: 'Not started',
  on_track: 'On track',
  needs_check_in: 'Needs a check-in',
  at_risk: 'At risk',
  paused: PAIR_STATE_WORDS.paused,
  ended: PAIR_STATE_WORDS.ended_early,
  completed: PAIR_STATE_WORDS.completed,
};

/**
 * One pair's health in words (the API's `healthText`): an active pair's health (On track,
 * Needs a check-in, At risk); any other pair reads as its state, the words its partners see.
 */
export function pairHealthWords(state: PairState, health: PairHealth): string {
  // An introduced pair past its contract's five working days is "Not started": a signal, not a state.
  if (health === 'not_started') return HEALTH_WORDS.not_started;
  return state === 'active' ? HEALTH_WORDS[health] : PAIR_STATE_WORDS[state];
}
