import { compilePool, modesFit } from './compiled-pool';
import { IndexPairSet } from './index-pair-set';
import { resolveWeights, type MatchAim, type MatchWeights } from './matching-input';
import { maxWeightMatching } from './max-weight-matching';
import type { ReciprocalInput, ReciprocalPairIds } from './reciprocal-input';
import {
  forbiddenByLists,
  reciprocalBrokenRule,
  RECIPROCAL_RULE_WORDS,
  type ReciprocalRule,
  type ReciprocalRuleContext,
} from './reciprocal-rules';
import { reciprocalReasons, reciprocalScore, reciprocalWarnings } from './reciprocal-score';
import { explainReciprocalUnmatched } from './reciprocal-unmatched';

export interface ReciprocalPair {
  readonly personAId: string;
  readonly personBId: string;
  /** Whole points, 0 to the sum of the weights. */
  readonly score: number;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  readonly locked: boolean;
}

export interface ReciprocalUnmatched {
  readonly id: string;
  /** 'rules': no one free may be paired with them; 'shortage': all who may were taken. */
  readonly cause: 'rules' | 'shortage';
  /** For 'rules': how many free people each rule ruled out. */
  readonly ruledOut: Partial<Record<ReciprocalRule, number>>;
  readonly reason: string;
}

export interface ReciprocalRefusedLock extends ReciprocalPairIds {
  readonly reason: string;
}

export interface ReciprocalProposal {
  readonly aim: MatchAim;
  readonly weights: MatchWeights;
  readonly pairs: readonly ReciprocalPair[];
  readonly unmatched: readonly ReciprocalUnmatched[];
  readonly refusedLocks: readonly ReciprocalRefusedLock[];
  readonly totalScore: number;
}

/** The pool after locks, every free pair checked and scored once: the solver's input. */
export interface ScoredReciprocalPool {
  readonly input: ReciprocalInput;
  readonly ctx: ReciprocalRuleContext;
  readonly weights: MatchWeights;
  /** Pool indices of the people not in a locked pair. */
  readonly free: readonly number[];
  /** score[i * free.length + j], symmetric; -1 where a hard rule forbids the pair (and i = j). */
  readonly score: Float64Array;
  readonly lockedPairs: readonly ReciprocalPair[];
  readonly refusedLocks: readonly ReciprocalRefusedLock[];
}

function proposed(
  ctx: ReciprocalRuleContext,
  weights: MatchWeights,
  a: number,
  b: number,
  locked: boolean,
): ReciprocalPair {
  const { pool } = ctx;
  return {
    personAId: pool.people[a]!.id,
    personBId: pool.people[b]!.id,
    score: reciprocalScore(pool, weights, a, b),
    reasons: reciprocalReasons(pool, a, b),
    warnings: reciprocalWarnings(pool, a, b),
    locked,
  };
}

/** Stage 1: place the locked pairs (refusing those a rule forbids), check and score the rest. */
export function scoreReciprocalPool(input: ReciprocalInput): ScoredReciprocalPool {
  const weights = resolveWeights(input.settings.weights);
  // Roles mean nothing in a reciprocal pool; the compiled pool does not read them.
  const pool = compilePool(input.candidates.map((c) => ({ ...c, role: 'mentor' as const })));
  const index = new Map<string, number>();
  pool.people.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`candidate ${p.id} appears twice`);
    index.set(p.id, i);
  });
  const ctx: ReciprocalRuleContext = {
    pool,
    neverPair: IndexPairSet.ofIds(pool.people.length, index, input.neverPair),
    previousPairs: IndexPairSet.ofIds(pool.people.length, index, input.previousPairs),
  };

  const taken = new Set<number>();
  const lockedPairs: ReciprocalPair[] = [];
  const refusedLocks: ReciprocalRefusedLock[] = [];
  for (const lock of input.lockedPairs ?? []) {
    const a = index.get(lock.personAId);
    const b = index.get(lock.personBId);
    const refuse = (reason: string): void => void refusedLocks.push({ ...lock, reason });
    if (a === undefined || b === undefined)
      refuse('not everyone in this lock applied to the cohort');
    else if (a === b) refuse('the lock names the same person twice');
    else if (taken.has(a) || taken.has(b)) refuse('one of them is already in a locked pair');
    else {
      const rule = reciprocalBrokenRule(ctx, a, b);
      if (rule) refuse(`a hard rule forbids it: ${RECIPROCAL_RULE_WORDS[rule]}`);
      else {
        taken.add(a).add(b);
        lockedPairs.push(proposed(ctx, weights, a, b, true));
      }
    }
  }

  const free = pool.people.map((_, i) => i).filter((i) => !taken.has(i));
  const f = free.length;
  const score = new Float64Array(f * f).fill(-1);
  const forbidden = forbiddenByLists(ctx, free, index, [
    ...(input.neverPair ?? []),
    ...(input.previousPairs ?? []),
  ]);
  for (let i = 0; i < f; i++) {
    const a = free[i]!;
    for (let j = i + 1; j < f; j++) {
      const b = free[j]!;
      if (forbidden[i * f + j] === 1 || !modesFit(pool, a, b)) continue;
      score[i * f + j] = score[j * f + i] = reciprocalScore(pool, weights, a, b);
    }
  }
  return { input, ctx, weights, free, score, lockedPairs, refusedLocks };
}

/**
 * The weights the blossom solver maximises, all whole numbers; a forbidden pair is no edge.
 * - most matched: M + score, M larger than any possible total fit: the most pairs, then the best fit;
 * - best fit: score * K + 1, K larger than the number of pairs possible: the best fit, then the most pairs.
 */
export function reciprocalWeights(scored: ScoredReciprocalPool): Float64Array {
  const { score, weights } = scored;
  const pairsPossible = Math.floor(scored.free.length / 2);
  const maxScore = Math.ceil(Object.values(weights).reduce((a, b) => a + b, 0));
  const mostMatched = scored.input.settings.aim === 'most-matched';
  const big = maxScore * pairsPossible + 1;
  const k = pairsPossible + 1;
  return score.map((s) => (s < 0 ? 0 : mostMatched ? big + s : s * k + 1));
}

/** Stage 2: solve the maximum-weight matching (blossom, optimal) and explain the result. */
export function solveReciprocalPool(scored: ScoredReciprocalPool): ReciprocalProposal {
  const { ctx, weights, free } = scored;
  const pairs: ReciprocalPair[] = [...scored.lockedPairs];
  const mate = maxWeightMatching(free.length, reciprocalWeights(scored));
  mate.forEach((j, i) => {
    if (j > i) pairs.push(proposed(ctx, weights, free[i]!, free[j]!, false));
  });
  return {
    aim: scored.input.settings.aim,
    weights,
    pairs,
    unmatched: explainReciprocalUnmatched(scored, mate),
    refusedLocks: scored.refusedLocks,
    totalScore: pairs.reduce((sum, p) => sum + p.score, 0),
  };
}

/** The whole reciprocal pool, locks first: `scoreReciprocalPool` then `solveReciprocalPool`. */
export function matchReciprocalPool(input: ReciprocalInput): ReciprocalProposal {
  return solveReciprocalPool(scoreReciprocalPool(input));
}
