import { modesFit, sameLine, type CompiledPool } from './compiled-pool';
import { HARD_RULE_WORDS, IndexPairSet, type HardRule } from './hard-rules';

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

/** The pool's unordered pairs named by id in a list (unknown ids are ignored). */
export function indexPairSet(
  pool: CompiledPool,
  index: ReadonlyMap<string, number>,
  list: readonly (readonly [string, string])[] | undefined,
): IndexPairSet {
  const set = new IndexPairSet(pool.people.length);
  for (const [a, b] of list ?? []) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia !== undefined && ib !== undefined) set.add(ia, ib);
  }
  return set;
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
