import { modesFit, sameLine, type CompiledPool } from './compiled-pool';
import { HARD_RULE_WORDS, type HardRule } from './hard-rules';
import type { IndexPairSet } from './index-pair-set';

/** The hard rules of a reciprocal pool: the reverse pool's, less the band gap. */
export type ReciprocalRule = Exclude<HardRule, 'band-gap'>;

export const RECIPROCAL_RULES: readonly ReciprocalRule[] = [
  'reporting-line',
  'meeting-mode',
  'never-pair',
  'paired-before',
];

export const RECIPROCAL_RULE_WORDS: Record<ReciprocalRule, string> = HARD_RULE_WORDS;

export interface ReciprocalRuleContext {
  readonly pool: CompiledPool;
  readonly neverPair: IndexPairSet;
  readonly previousPairs: IndexPairSet;
}

/** The first rule that forbids pairing a and b (pool indices, either order); null when none. */
export function reciprocalBrokenRule(
  ctx: ReciprocalRuleContext,
  a: number,
  b: number,
): ReciprocalRule | null {
  if (sameLine(ctx.pool, a, b)) return 'reporting-line';
  if (!modesFit(ctx.pool, a, b)) return 'meeting-mode';
  if (ctx.neverPair.has(a, b)) return 'never-pair';
  if (ctx.previousPairs.has(a, b)) return 'paired-before';
  return null;
}

/**
 * The sparse rules for the free people (positions in `free`) at once, as an f x f table
 * (1 = forbidden): reporting lines from each person's chain, and the two lists. The scoring
 * loop then checks only the meeting mode per pair; the property tests hold the result
 * against the plain rules.
 */
export function forbiddenByLists(
  ctx: ReciprocalRuleContext,
  free: readonly number[],
  index: ReadonlyMap<string, number>,
  lists: readonly (readonly [string, string])[],
): Uint8Array {
  const { pool } = ctx;
  const f = free.length;
  const table = new Uint8Array(f * f);
  const position = new Int32Array(pool.people.length).fill(-1);
  free.forEach((person, i) => (position[person] = i));
  const mark = (a: number | undefined, b: number | undefined): void => {
    const i = a === undefined ? -1 : position[a]!;
    const j = b === undefined ? -1 : position[b]!;
    if (i >= 0 && j >= 0) table[i * f + j] = table[j * f + i] = 1;
  };
  // The same reporting line (skip-level too): one O(1) ancestor test per two free people.
  for (let i = 0; i < f; i++) {
    for (let j = i + 1; j < f; j++) if (sameLine(pool, free[i]!, free[j]!)) mark(free[i], free[j]);
  }
  for (const [a, b] of lists) mark(index.get(a), index.get(b));
  return table;
}
