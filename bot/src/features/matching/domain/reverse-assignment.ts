import { solveAssignment } from './jonker-volgenant';
import type { ScoreMatrix } from './score-matrix';

/**
 * The reverse pool as an assignment problem, solved optimally: who of the free mentors (rows)
 * goes with which free mentee (columns). Returns each row's column, or -1 for unpaired.
 *
 * The matrix already holds the square cost matrix the aim asks for (`pair-cost.ts`: the most
 * pairs then the best fit, or the best fit then the most pairs; a forbidden pair or a padded
 * place costs 0, as leaving both people unpaired), solved by `solveAssignment`
 * (Jonker–Volgenant). A pair the solver gives a forbidden or padded place is dropped after.
 * A mentor or mentee whom the rules forbid to everyone costs 0 everywhere: they take such a
 * place, which changes no one else's.
 */
export function assignReversePool(matrix: ScoreMatrix): Int32Array {
  const { rows, cols, n, cost } = matrix;
  const colOfRow = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0) return colOfRow;
  const assigned = solveAssignment(cost, n);
  for (let r = 0; r < rows; r++) {
    const c = assigned[r]!;
    if (c < cols && cost[r * n + c]! < 0) colOfRow[r] = c;
  }
  return colOfRow;
}
