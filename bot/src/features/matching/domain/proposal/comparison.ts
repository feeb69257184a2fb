import type { PairIds } from '../matching-input';

/** A run's result, as far as a comparison needs it. */
export interface RunOutcome {
  readonly pairs: readonly (PairIds & { readonly score: number })[];
}

export interface RunComparison {
  readonly kept: PairIds[];
  readonly added: PairIds[];
  readonly gone: PairIds[];
  readonly totalScore: { before: number; after: number };
  /** People matched (two per pair). */
  readonly matched: { before: number; after: number };
}

const keyOf = (p: PairIds): string => `${p.mentorId}\u0000${p.menteeId}`;
const ids = (p: PairIds): PairIds => ({ mentorId: p.mentorId, menteeId: p.menteeId });
const total = (run: RunOutcome | null): number =>
  (run?.pairs ?? []).reduce((sum, p) => sum + p.score, 0);

/** What changed from the previous run to this one: pairs kept, new and gone; totals before and after. */
export function compareRuns(previous: RunOutcome | null, current: RunOutcome): RunComparison {
  const before = new Set((previous?.pairs ?? []).map(keyOf));
  const after = new Set(current.pairs.map(keyOf));
  return {
    kept: current.pairs.filter((p) => before.has(keyOf(p))).map(ids),
    added: current.pairs.filter((p) => !before.has(keyOf(p))).map(ids),
    gone: (previous?.pairs ?? []).filter((p) => !after.has(keyOf(p))).map(ids),
    totalScore: { before: total(previous), after: total(current) },
    matched: { before: (previous?.pairs.length ?? 0) * 2, after: current.pairs.length * 2 },
  };
}
