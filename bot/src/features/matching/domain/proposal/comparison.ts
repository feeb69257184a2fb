import type { PairIds } from '../matching-input';
import type { ReciprocalPairIds } from '../reciprocal-input';

/** A run's result, as far as a comparison needs it. */
export interface RunOutcome {
  readonly pairs: readonly (PairIds & { readonly score: number })[];
  readonly reciprocalPairs?: readonly (ReciprocalPairIds & { readonly score: number })[];
}

type Partners = { arrangement: 'reciprocal'; personAId: string; personBId: string };

export interface RunComparison {
  readonly kept: PairIds[];
  readonly added: PairIds[];
  readonly gone: PairIds[];
  /** Both pools. */
  readonly totalScore: { before: number; after: number };
  /** People matched in both pools (two per pair). */
  readonly matched: { before: number; after: number };
  /** Absent when neither run has a reciprocal pool (runs made before there were two). */
  readonly reciprocal?: { kept: Partners[]; added: Partners[]; gone: Partners[] };
}

const keyOf = (p: PairIds): string => `${p.mentorId}\u0000${p.menteeId}`;
const ids = (p: PairIds): PairIds => ({ mentorId: p.mentorId, menteeId: p.menteeId });
const all = (run: RunOutcome | null) => [...(run?.pairs ?? []), ...(run?.reciprocalPairs ?? [])];
const total = (run: RunOutcome | null): number => all(run).reduce((sum, p) => sum + p.score, 0);
const partnersKey = (p: ReciprocalPairIds): string =>
  [p.personAId, p.personBId].sort().join('\u0000');
const partners = (p: ReciprocalPairIds): Partners => ({
  arrangement: 'reciprocal',
  personAId: p.personAId,
  personBId: p.personBId,
});

/** What changed from the previous run to this one: pairs kept, new and gone; totals before and after. */
export function compareRuns(previous: RunOutcome | null, current: RunOutcome): RunComparison {
  const before = new Set((previous?.pairs ?? []).map(keyOf));
  const after = new Set(current.pairs.map(keyOf));
  return {
    kept: current.pairs.filter((p) => before.has(keyOf(p))).map(ids),
    added: current.pairs.filter((p) => !before.has(keyOf(p))).map(ids),
    gone: (previous?.pairs ?? []).filter((p) => !after.has(keyOf(p))).map(ids),
    totalScore: { before: total(previous), after: total(current) },
    matched: { before: all(previous).length * 2, after: all(current).length * 2 },
    ...(previous?.reciprocalPairs || current.reciprocalPairs
      ? {
          reciprocal: compareReciprocal(
            previous?.reciprocalPairs ?? [],
            current.reciprocalPairs ?? [],
          ),
        }
      : {}),
  };
}

function compareReciprocal(
  previous: readonly ReciprocalPairIds[],
  current: readonly ReciprocalPairIds[],
): NonNullable<RunComparison['reciprocal']> {
  const before = new Set(previous.map(partnersKey));
  const after = new Set(current.map(partnersKey));
  return {
    kept: current.filter((p) => before.has(partnersKey(p))).map(partners),
    added: current.filter((p) => !before.has(partnersKey(p))).map(partners),
    gone: previous.filter((p) => !after.has(partnersKey(p))).map(partners),
  };
}
