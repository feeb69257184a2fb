/**
 * The shortest augmenting paths of `jonker-volgenant.ts` over each row's few most promising
 * columns instead of all of them, then a check over the whole matrix. A row is scanned in
 * `candidates` steps instead of n; the answer stays exact because `solveAssignment` frees every
 * row the check finds not at its whole row's minimum and places it again (over fresh lists,
 * and at the last over whole rows).
 */

import type { CandidateLists } from './jonker-volgenant-lists';

/** Scratch arrays for one shortest path, reused from row to row. */
export interface Workspace {
  readonly d: Float64Array;
  readonly pred: Int32Array;
  readonly todo: Int32Array;
  readonly settled: Int32Array;
  readonly dist: Float64Array;
  /** Columns reached by a search over candidate lists (see `augmentSparse`). */
  readonly touched: Int32Array;
}

/**
 * One shortest augmenting path from the free row `free`, each row reaching only its candidate
 * columns. Returns false, changing nothing, when no free column can be reached that way.
 */
export function augmentSparse(
  cost: Int32Array,
  n: number,
  free: number,
  v: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
  lists: CandidateLists,
  w: Workspace,
): boolean {
  const { d, pred, todo, settled, dist, touched } = w;
  const { start, cols, costs } = lists;
  // Only the columns some list reached have a finite d: they are listed in `touched`, the only
  // ones read for the next distance and reset (to Infinity) at the end.
  let touchedCount = 0;
  for (let e = start[free]!; e < start[free + 1]!; e++) {
    const j = cols[e]!;
    d[j] = costs[e]! - v[j]!;
    pred[j] = free;
    touched[touchedCount++] = j;
  }
  const reset = (): void => {
    for (let k = 0; k < touchedCount; k++) d[touched[k]!] = Infinity;
  };
  let todoCount = 0;
  let settledCount = 0;
  let last = 0;
  let min = 0;
  let end = -1;
  while (end < 0) {
    if (todoCount === 0) {
      last = settledCount;
      min = Infinity;
      for (let k = 0; k < touchedCount; k++) {
        const j = touched[k]!;
        const h = d[j]!;
        if (h <= min && h !== -Infinity) {
          if (h < min) {
            min = h;
            todoCount = 0;
          }
          todo[todoCount++] = j;
        }
      }
      if (min === Infinity) {
        reset();
        return false;
      }
      for (let k = 0; k < todoCount; k++) {
        const j = todo[k]!;
        d[j] = -Infinity;
        if (rowOfCol[j]! < 0) end = j;
      }
      if (end >= 0) break;
    }
    const j1 = todo[--todoCount]!;
    dist[settledCount] = min;
    settled[settledCount++] = j1;
    const i = rowOfCol[j1]!;
    const u = cost[i * n + j1]! - v[j1]! - min;
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const j = cols[e]!;
      const h = costs[e]! - v[j]! - u;
      const was = d[j]!;
      if (h < was) {
        if (was === Infinity) touched[touchedCount++] = j;
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
  reset();
  finishPath(w, last, min, free, end, v, colOfRow, rowOfCol);
  return true;
}

/**
 * The end of a shortest path found: the prices of the columns settled before the last distance
 * (`last` of them, at distances `dist`) rise by their distance below `min`, so that reduced costs
 * stay >= 0 and assigned pairs stay at their row's minimum; then the path from the free row to
 * the free column `end` is flipped, each column on it taking the row before it.
 */
export function finishPath(
  w: Workspace,
  last: number,
  min: number,
  free: number,
  end: number,
  v: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
): void {
  const { settled, dist, pred } = w;
  for (let k = 0; k < last; k++) {
    const j = settled[k]!;
    v[j] = v[j]! + dist[k]! - min;
  }
  let j = end;
  for (;;) {
    const i = pred[j]!;
    rowOfCol[j] = i;
    const next = colOfRow[i]!;
    colOfRow[i] = j;
    if (i === free) break;
    j = next;
  }
}

/**
 * Frees every assigned row whose column is no longer the smallest reduced cost of its whole
 * row (a column outside its list became cheaper for it); returns them.
 */
export function freeRowsOffTheirMinimum(
  cost: Int32Array,
  n: number,
  v: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
): number[] {
  const freed: number[] = [];
  for (let i = 0; i < n; i++) {
    const own = colOfRow[i]!;
    if (own < 0) continue;
    const base = i * n;
    const u = cost[base + own]! - v[own]!;
    for (let j = 0; j < n; j++) {
      if (cost[base + j]! - v[j]! < u) {
        colOfRow[i] = -1;
        rowOfCol[own] = -1;
        freed.push(i);
        break;
      }
    }
  }
  return freed;
}

/**
 * Augmenting row reduction over the candidate lists, `passes` times: each free row takes the
 * listed column of its smallest reduced cost, lowering that column's price by the gap to its
 * second smallest so that the row it displaces (if any) can move on at once; on a tie it takes
 * the second column instead and the row it displaces waits for the next pass. Reduced costs
 * stay >= 0 and every assigned row stays at its list's minimum, as the sparse shortest paths
 * need (the check over whole rows comes after them). A row with a single listed column is left
 * to the shortest paths. Returns the rows still free.
 */
export function reduceRowsOverLists(
  v: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
  lists: CandidateLists,
  rows: readonly number[],
  passes: number,
): number[] {
  const { start, cols, costs } = lists;
  let free = Int32Array.from(rows);
  let freeCount = free.length;
  const left: number[] = [];
  // Rows whose lists share too few columns would outbid each other for ever (the prices fall
  // without end): the row reduction stops after `passes` rows' worth of steps per row, and
  // leaves the rest to the shortest paths.
  let budget = passes * colOfRow.length;
  for (let pass = 0; pass < passes && freeCount > 0; pass++) {
    const next = new Int32Array(colOfRow.length);
    let nextCount = 0;
    let k = 0;
    while (k < freeCount) {
      if (budget-- === 0) {
        while (k < freeCount) next[nextCount++] = free[k++]!;
        pass = passes;
        break;
      }
      const i = free[k++]!;
      let u1 = Infinity;
      let j1 = -1;
      let u2 = Infinity;
      let j2 = -1;
      for (let e = start[i]!; e < start[i + 1]!; e++) {
        const j = cols[e]!;
        const h = costs[e]! - v[j]!;
        if (h < u2) {
          if (h >= u1) {
            u2 = h;
            j2 = j;
          } else {
            u2 = u1;
            j2 = j1;
            u1 = h;
            j1 = j;
          }
        }
      }
      if (j2 < 0) {
        left.push(i);
        continue;
      }
      let i0 = rowOfCol[j1]!;
      if (u1 < u2) v[j1] = v[j1]! - (u2 - u1);
      else if (i0 >= 0) {
        j1 = j2;
        i0 = rowOfCol[j2]!;
      }
      colOfRow[i] = j1;
      rowOfCol[j1] = i;
      if (i0 >= 0) {
        colOfRow[i0] = -1;
        if (u1 < u2) free[--k] = i0;
        else next[nextCount++] = i0;
      }
    }
    free = next;
    freeCount = nextCount;
  }
  for (let k = 0; k < freeCount; k++) left.push(free[k]!);
  return left;
}
