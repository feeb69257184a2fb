import { modesFit, type CompiledPool } from './compiled-pool';
import type { RuleContext } from './hard-rules';
import type { MatchInput, MatchWeights } from './matching-input';
import { pairScore } from './pair-score';

/**
 * Every free mentor x free mentee pair checked and scored, fast: the rules that hold per
 * pair (band gap, meeting mode) run in the loop; the sparse ones (reporting lines, the
 * never-pair and earlier-cohort lists) are marked afterwards from their own lists, so 25
 * million pairs cost integer work only. -1 marks a forbidden pair. The property tests hold
 * this matrix against the plain rules (`brokenRule`) on random cohorts.
 */
export function scoreMatrix(
  ctx: RuleContext,
  weights: MatchWeights,
  mentors: readonly number[],
  mentees: readonly number[],
  lists: { readonly index: ReadonlyMap<string, number>; readonly input: MatchInput },
): Float64Array[] {
  const { pool } = ctx;
  const rows = mentors.map((mentor) => {
    const row = new Float64Array(mentees.length);
    const ceiling = pool.band[mentor]! + ctx.minimumBandGap;
    for (let c = 0; c < mentees.length; c++) {
      const mentee = mentees[c]!;
      row[c] =
        pool.band[mentee]! < ceiling || !modesFit(pool, mentor, mentee)
          ? -1
          : pairScore(pool, weights, mentor, mentee);
    }
    return row;
  });
  const rowOf = new Map<number, number>();
  const colOf = new Map<number, number>();
  mentors.forEach((m, r) => rowOf.set(m, r));
  mentees.forEach((e, c) => colOf.set(e, c));
  const forbid = (mentor: number | undefined, mentee: number | undefined): void => {
    const r = mentor === undefined ? undefined : rowOf.get(mentor);
    const c = mentee === undefined ? undefined : colOf.get(mentee);
    if (r !== undefined && c !== undefined) rows[r]![c] = -1;
  };
  markReportingLines(pool, mentors, mentees, forbid);
  for (const [a, b] of [...(lists.input.neverPair ?? []), ...(lists.input.previousPairs ?? [])]) {
    const ia = lists.index.get(a);
    const ib = lists.index.get(b);
    forbid(ia, ib);
    forbid(ib, ia);
  }
  return rows;
}

/** Forbids each free person with everyone above them in the line-manager chain (pool indices). */
function markReportingLines(
  pool: CompiledPool,
  mentors: readonly number[],
  mentees: readonly number[],
  forbid: (mentor: number, mentee: number) => void,
): void {
  const personAtNode = new Map<number, number>();
  pool.node.forEach((n, i) => personAtNode.set(n, i));
  for (const mentor of mentors) {
    for (const n of pool.above[mentor]!) {
      const boss = personAtNode.get(n);
      if (boss !== undefined) forbid(mentor, boss);
    }
  }
  for (const mentee of mentees) {
    for (const n of pool.above[mentee]!) {
      const boss = personAtNode.get(n);
      if (boss !== undefined) forbid(boss, mentee);
    }
  }
}
