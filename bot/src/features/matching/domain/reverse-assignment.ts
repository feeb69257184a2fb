import { solveAssignment } from './jonker-volgenant';
import type { MatchAim, MatchWeights } from './matching-input';
import type { ScoreMatrix } from './score-matrix';

/**
 * The reverse pool as an assignment problem, solved optimally: who of the free mentors (rows)
 * goes with which free mentee (columns). Returns each row's column, or -1 for unpaired.
 *
 * Mentors and mentees that may be paired with no one are left out first (they stay unpaired
 * whatever happens). The rest becomes a square cost matrix (the shorter side padded with
 * "unpaired" places) solved by `solveAssignment` (Jonker–Volgenant). The cost it minimises,
 * in whole numbers:
 * - a forbidden pair and a padded place cost 0, exactly as leaving both people unpaired, so
 *   the solver never chooses among infinite costs; such a pair is dropped after;
 * - best fit: -(score * K + 1), K > the pairs possible: the largest total fit, then the most
 *   pairs;
 * - most matched: -(M + score), M > the largest possible total: the most pairs, then the best
 *   fit.
 */
export function assignReversePool(
  matrix: ScoreMatrix,
  rows: number,
  cols: number,
  aim: MatchAim,
  weights: MatchWeights,
): Int32Array {
  const { flat } = matrix;
  const colOfRow = new Int32Array(rows).fill(-1);
  const keptRows: number[] = [];
  const colUsable = new Uint8Array(cols);
  for (let r = 0; r < rows; r++) {
    let usable = false;
    for (let c = 0, at = r * cols; c < cols; c++, at++) {
      if (flat[at]! >= 0) {
        usable = true;
        colUsable[c] = 1;
      }
    }
    if (usable) keptRows.push(r);
  }
  const keptCols: number[] = [];
  for (let c = 0; c < cols; c++) if (colUsable[c]) keptCols.push(c);
  const n = Math.max(keptRows.length, keptCols.length);
  if (keptRows.length === 0 || keptCols.length === 0) return colOfRow;

  const pairsPossible = Math.min(keptRows.length, keptCols.length);
  const maxScore = Math.ceil(Object.values(weights).reduce((a, b) => a + b, 0));
  const mostMatched = aim === 'most-matched';
  const big = maxScore * pairsPossible + 1;
  const k = pairsPossible + 1;
  const cost = new Float64Array(n * n);
  keptRows.forEach((r, i) => {
    const from = r * cols;
    const to = i * n;
    for (let j = 0; j < keptCols.length; j++) {
      const s = flat[from + keptCols[j]!]!;
      cost[to + j] = s < 0 ? 0 : mostMatched ? -(big + s) : -(s * k + 1);
    }
  });
  const assigned = solveAssignment(cost, n);
  keptRows.forEach((r, i) => {
    const j = assigned[i]!;
    if (j < keptCols.length && flat[r * cols + keptCols[j]!]! >= 0) colOfRow[r] = keptCols[j]!;
  });
  return colOfRow;
}
