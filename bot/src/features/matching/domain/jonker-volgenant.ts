/**
 * The linear assignment problem, solved exactly by the Jonker–Volgenant method (1987): a
 * column reduction for a first partial assignment, then, over each row's most promising
 * columns (`jonker-volgenant-lists.ts`), an augmenting row reduction and one shortest augmenting
 * path (Dijkstra over reduced costs) per row still free (`jonker-volgenant-sparse.ts`), checked
 * over whole rows after; the last rows over whole rows. Typed arrays throughout, so 5,000 x 5,000 is integer-sized work
 * on flat memory.
 *
 * Costs should be integers (exact in doubles): ties are then exact, and ties are where this
 * method is fast: every column at the current shortest distance is taken in one step, and a
 * free column among them ends the search at once. The property tests hold it against
 * `munkres` and brute force.
 */

import { candidateLists } from './jonker-volgenant-lists';
import {
  augmentSparse,
  finishPath,
  freeRowsOffTheirMinimum,
  reduceRowsOverLists,
  type Workspace,
} from './jonker-volgenant-sparse';

/**
 * How many times the free rows go through the augmenting row reduction (over the candidate
 * lists) before the shortest paths: on the benchmark's cohorts 32 passes placed 5 in 6 of the
 * rows the column reduction left free, and more placed no more.
 */
const ROW_REDUCTION_PASSES = 32;

/**
 * Candidate columns per row for the shortest paths, and how many rounds of lists before the
 * last rows are placed over whole rows. A round after the first is worth its fresh lists (a
 * pass over the whole matrix) only while more than 1 row in `FEW_ROWS` is left; fewer take
 * their shortest paths over whole rows at once.
 */
const CANDIDATES_PER_ROW = 200;
const SPARSE_ROUNDS = 4;
const FEW_ROWS = 64;

export interface SolverOptions {
  /** For tests: 0 leaves every row the column reduction did not place to the shortest paths. */
  readonly rowReductionPasses?: number;
  /** For tests: a small number makes rows leave their lists and be placed again. */
  readonly candidatesPerRow?: number;
}

/**
 * The cheapest assignment of an n x n cost matrix, given row by row in `cost` (length n * n).
 * Returns, for each row, its column.
 */
export function solveAssignment(
  cost: Int32Array,
  n: number,
  options: SolverOptions = {},
): Int32Array {
  const rowReductionPasses = options.rowReductionPasses ?? ROW_REDUCTION_PASSES;
  const candidates = Math.max(1, options.candidatesPerRow ?? CANDIDATES_PER_ROW);
  if (cost.length !== n * n) throw new RangeError('cost is an n x n matrix');
  const colOfRow = new Int32Array(n).fill(-1);
  const rowOfCol = new Int32Array(n).fill(-1);
  const v = new Float64Array(n);
  if (n === 0) return colOfRow;
  reduceColumns(cost, n, v, colOfRow, rowOfCol);
  const work: Workspace = {
    d: new Float64Array(n),
    pred: new Int32Array(n),
    todo: new Int32Array(n),
    settled: new Int32Array(n),
    dist: new Float64Array(n),
    touched: new Int32Array(n),
  };
  work.d.fill(Infinity);
  let rows: number[] = [];
  for (let i = 0; i < n; i++) if (colOfRow[i]! < 0) rows.push(i);
  // Rounds over candidate lists; each ends with the check over whole rows, so that every row
  // still assigned after it is at its whole row's minimum. The first round starts with the
  // row reduction, over the lists too.
  for (
    let round = 0;
    round < SPARSE_ROUNDS && rows.length > (round === 0 ? 0 : n / FEW_ROWS);
    round++
  ) {
    const lists = candidateLists(cost, n, v, colOfRow, candidates);
    if (round === 0)
      rows = reduceRowsOverLists(v, colOfRow, rowOfCol, lists, rows, rowReductionPasses);
    const left = rows.filter((f) => !augmentSparse(cost, n, f, v, colOfRow, rowOfCol, lists, work));
    rows = [...left, ...freeRowsOffTheirMinimum(cost, n, v, colOfRow, rowOfCol)];
  }
  for (const f of rows) augment(cost, n, f, v, colOfRow, rowOfCol, work);
  return colOfRow;
}

/**
 * Each column's price is its smallest cost; each row then takes the first column still free
 * where it has that smallest cost. Every assigned pair then has reduced cost 0 and no reduced
 * cost is negative: a valid start for the augmenting paths. Both passes read the matrix row by
 * row, straight through memory.
 */
function reduceColumns(
  cost: Int32Array,
  n: number,
  v: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
): void {
  v.set(cost.subarray(0, n));
  for (let i = 1; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const c = cost[base + j]!;
      if (c < v[j]!) v[j] = c;
    }
  }
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      if (rowOfCol[j]! < 0 && cost[base + j]! === v[j]!) {
        colOfRow[i] = j;
        rowOfCol[j] = i;
        break;
      }
    }
  }
}

/**
 * One shortest augmenting path from the free row `free` to a free column, over reduced costs
 * cost[i][j] - v[j] (Dijkstra); then the prices of the columns settled before the last
 * distance, so that reduced costs stay >= 0 and assigned pairs stay at their row's minimum.
 * A column reached at the shortest distance leaves `d` (set to -Infinity, so that no scan
 * touches it again) and is listed in `todo` (to scan) or `settled` (scanned, its distance kept
 * in `dist`). Columns are read in their natural order: each row straight through memory.
 */
function augment(
  cost: Int32Array,
  n: number,
  free: number,
  v: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
  w: Workspace,
): void {
  const { d, pred, todo, settled, dist } = w;
  const base = free * n;
  for (let j = 0; j < n; j++) {
    d[j] = cost[base + j]! - v[j]!;
    pred[j] = free;
  }
  let todoCount = 0;
  let settledCount = 0;
  let last = 0;
  let min = 0;
  let end = -1;
  while (end < 0) {
    if (todoCount === 0) {
      // The next distance: every column not yet reached at the smallest d waits to be scanned.
      last = settledCount;
      min = Infinity;
      for (let j = 0; j < n; j++) {
        const h = d[j]!;
        if (h <= min && h !== -Infinity) {
          if (h < min) {
            min = h;
            todoCount = 0;
          }
          todo[todoCount++] = j;
        }
      }
      for (let k = 0; k < todoCount; k++) {
        const j = todo[k]!;
        d[j] = -Infinity;
        if (rowOfCol[j]! < 0) end = j;
      }
      if (end >= 0) break;
    }
    // Settle one waiting column and scan the row assigned to it.
    const j1 = todo[--todoCount]!;
    dist[settledCount] = min;
    settled[settledCount++] = j1;
    const i = rowOfCol[j1]!;
    const at = i * n;
    const u = cost[at + j1]! - v[j1]! - min;
    for (let j = 0; j < n; j++) {
      const h = cost[at + j]! - v[j]! - u;
      if (h < d[j]!) {
        pred[j] = i;
        if (h === min) {
          if (rowOfCol[j]! < 0) {
            end = j;
            break;
          }
          d[j] = -Infinity;
          todo[todoCount++] = j;
        } else d[j] = h;
      }
    }
  }
  finishPath(w, last, min, free, end, v, colOfRow, rowOfCol);
}
