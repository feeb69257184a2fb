import { compilePool } from './compiled-pool';
import { brokenRule, HARD_RULE_WORDS, type HardRule, type RuleContext } from './hard-rules';
import {
  resolveWeights,
  type MatchAim,
  type MatchInput,
  type MatchRole,
  type MatchWeights,
} from './matching-input';
import { IndexPairSet } from './index-pair-set';
import { pairReasons, pairScore, pairWarnings } from './pair-score';
import { assignReversePool } from './reverse-assignment';
import { scoreMatrix, type ScoreMatrix } from './score-matrix';
import { explainUnmatched } from './unmatched-reasons';

export interface ProposedPair {
  readonly mentorId: string;
  readonly menteeId: string;
  /** Whole points, 0 to the sum of the weights. */
  readonly score: number;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  readonly locked: boolean;
}

export interface UnmatchedPerson {
  readonly id: string;
  readonly role: MatchRole;
  /** 'rules': no one on the other side may be paired with them; 'shortage': all who may were taken. */
  readonly cause: 'rules' | 'shortage';
  /** For 'rules': how many people on the other side each rule ruled out. */
  readonly ruledOut: Partial<Record<HardRule, number>>;
  readonly reason: string;
}

export interface RefusedLock {
  readonly mentorId: string;
  readonly menteeId: string;
  readonly reason: string;
}

export interface MatchProposal {
  readonly aim: MatchAim;
  readonly weights: MatchWeights;
  readonly pairs: readonly ProposedPair[];
  readonly unmatched: readonly UnmatchedPerson[];
  readonly refusedLocks: readonly RefusedLock[];
  readonly totalScore: number;
}

/** The pool after locks, with every free pair checked and scored: the solver's input. */
export interface ScoredReversePool {
  readonly input: MatchInput;
  readonly ctx: RuleContext;
  readonly weights: MatchWeights;
  readonly mentors: readonly number[];
  readonly mentees: readonly number[];
  /** Every free pair's score (`matrix.scoreAt(r, c)`, -1 where a hard rule forbids the pair). */
  readonly matrix: ScoreMatrix;
  readonly lockedPairs: readonly ProposedPair[];
  readonly refusedLocks: readonly RefusedLock[];
}

function proposed(
  ctx: RuleContext,
  weights: MatchWeights,
  mentor: number,
  mentee: number,
  locked: boolean,
): ProposedPair {
  const { pool } = ctx;
  return {
    mentorId: pool.people[mentor]!.id,
    menteeId: pool.people[mentee]!.id,
    score: pairScore(pool, weights, mentor, mentee),
    reasons: pairReasons(pool, mentor, mentee),
    warnings: pairWarnings(pool, mentor, mentee),
    locked,
  };
}

/** Stage 1: check the hard rules, place the locked pairs, score every free pair. */
export function scoreReversePool(input: MatchInput): ScoredReversePool {
  const { settings } = input;
  if (!Number.isFinite(settings.minimumBandGap)) throw new RangeError('minimumBandGap is a number');
  const weights = resolveWeights(settings.weights);
  const pool = compilePool(input.candidates);
  const index = new Map<string, number>();
  pool.people.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`candidate ${p.id} appears twice`);
    index.set(p.id, i);
  });
  const ctx: RuleContext = {
    pool,
    minimumBandGap: settings.minimumBandGap,
    neverPair: IndexPairSet.ofIds(pool.people.length, index, input.neverPair),
    previousPairs: IndexPairSet.ofIds(pool.people.length, index, input.previousPairs),
  };

  const taken = new Set<number>();
  const lockedPairs: ProposedPair[] = [];
  const refusedLocks: RefusedLock[] = [];
  for (const lock of input.lockedPairs ?? []) {
    const mentor = index.get(lock.mentorId);
    const mentee = index.get(lock.menteeId);
    const refuse = (reason: string): void => void refusedLocks.push({ ...lock, reason });
    if (mentor === undefined || mentee === undefined)
      refuse('not everyone in this lock applied to the cohort');
    else if (pool.people[mentor]!.role !== 'mentor' || pool.people[mentee]!.role !== 'mentee') {
      refuse('the lock names a mentor and a mentee the wrong way round');
    } else if (taken.has(mentor) || taken.has(mentee))
      refuse('one of them is already in a locked pair');
    else {
      const rule = brokenRule(ctx, mentor, mentee);
      if (rule) refuse(`a hard rule forbids it: ${HARD_RULE_WORDS[rule]}`);
      else {
        taken.add(mentor).add(mentee);
        lockedPairs.push(proposed(ctx, weights, mentor, mentee, true));
      }
    }
  }

  const mentors: number[] = [];
  const mentees: number[] = [];
  pool.people.forEach((p, i) => {
    if (!taken.has(i)) (p.role === 'mentor' ? mentors : mentees).push(i);
  });
  const matrix = scoreMatrix(ctx, weights, settings.aim, mentors, mentees);
  return { input, ctx, weights, mentors, mentees, matrix, lockedPairs, refusedLocks };
}

/** Stage 2: solve the assignment problem (optimal; see `assignReversePool`) and explain the result. */
export function solveReversePool(scored: ScoredReversePool): MatchProposal {
  const { ctx, weights, mentors, mentees, matrix } = scored;
  const pairs: ProposedPair[] = [...scored.lockedPairs];
  const pairedRow = new Int32Array(mentors.length).fill(-1);
  const pairedCol = new Int32Array(mentees.length).fill(-1);
  const colOfRow = assignReversePool(matrix);
  colOfRow.forEach((c, r) => {
    if (c < 0) return;
    pairedRow[r] = c;
    pairedCol[c] = r;
    pairs.push(proposed(ctx, weights, mentors[r]!, mentees[c]!, false));
  });
  return {
    aim: scored.input.settings.aim,
    weights,
    pairs,
    unmatched: explainUnmatched(scored, pairedRow, pairedCol),
    refusedLocks: scored.refusedLocks,
    totalScore: pairs.reduce((sum, p) => sum + p.score, 0),
  };
}

/** The whole reverse pool, locks first: `scoreReversePool` then `solveReversePool`. */
export function matchReversePool(input: MatchInput): MatchProposal {
  return solveReversePool(scoreReversePool(input));
}
