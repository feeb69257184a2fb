/** The reverse-pool matching engine: pure, no I/O. */
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
