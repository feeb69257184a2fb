import { modesFit, sameLine, type CompiledPool } from './compiled-pool';
import type { IndexPairSet } from './index-pair-set';

/** The hard rules, in the order they are checked; the first broken one is reported. */
export type HardRule =
  'band-gap' | 'reporting-line' | 'meeting-mode' | 'never-pair' | 'paired-before';

export const HARD_RULES: readonly HardRule[] = [
  'band-gap',
  'reporting-line',
  'meeting-mode',
  'never-pair',
  'paired-before',
];

export const HARD_RULE_WORDS: Record<HardRule, string> = {
  'band-gap': 'not junior enough by the cohort’s band gap',
  'reporting-line': 'in the same reporting line',
  'meeting-mode': 'meeting modes (or, in person only, locations) do not fit',
  'never-pair': 'the programme team asked never to pair them',
  'paired-before': 'paired in an earlier cohort',
};

export interface RuleContext {
  readonly pool: CompiledPool;
  readonly minimumBandGap: number;
  readonly neverPair: IndexPairSet;
  readonly previousPairs: IndexPairSet;
}

/** The first hard rule the pair (mentor, mentee), given as pool indices, breaks; null when none. */
export function brokenRule(ctx: RuleContext, mentor: number, mentee: number): HardRule | null {
  const { pool } = ctx;
  if (pool.band[mentee]! - pool.band[mentor]! < ctx.minimumBandGap) return 'band-gap';
  if (sameLine(pool, mentor, mentee)) return 'reporting-line';
  if (!modesFit(pool, mentor, mentee)) return 'meeting-mode';
  if (ctx.neverPair.has(mentor, mentee)) return 'never-pair';
  if (ctx.previousPairs.has(mentor, mentee)) return 'paired-before';
  return null;
}
