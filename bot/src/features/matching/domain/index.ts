/** The matching engine (the reverse and the reciprocal pool): pure, no I/O. */
export * from './matching-input';
export { HARD_RULES, HARD_RULE_WORDS, type HardRule } from './hard-rules';
export {
  matchReversePool,
  scoreReversePool,
  solveReversePool,
  type MatchProposal,
  type ProposedPair,
  type RefusedLock,
  type ScoredReversePool,
  type UnmatchedPerson,
} from './reverse-pool';
export { maxWeightMatching } from './max-weight-matching';
export * from './reciprocal-input';
export { RECIPROCAL_RULES, RECIPROCAL_RULE_WORDS, type ReciprocalRule } from './reciprocal-rules';
export {
  matchReciprocalPool,
  scoreReciprocalPool,
  solveReciprocalPool,
  type ReciprocalPair,
  type ReciprocalProposal,
  type ReciprocalRefusedLock,
  type ReciprocalUnmatched,
  type ScoredReciprocalPool,
} from './reciprocal-pool';
