/**
 * The shortest augmenting paths of `jonker-volgenant.ts` over each row's few most promising
 * columns instead of all of them, then a check over the whole matrix. A row is scanned in
 * `candidates` steps instead of n; the answer stays exact because `solveAssignment` frees every
 * row the check finds not at its whole row's minimum and places it again (over fresh lists,
 * and at the last over whole rows).
 */

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

/** Each row's candidate columns (`cols`) and their costs, rows one after another. */
export interface CandidateLists {
  readonly start: Int32Array;
  readonly cols: Int32Array;
  readonly costs: Int32Array;
}

/** The k-th smallest of values[0, length) (0-based), reordering them. */
function select(values: Float64Array, length: number, k: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * Reduced costs within this much of a row's minimum are counted in a histogram to find the
 * row's k-th smallest without sorting; a row with fewer than k within it falls back to `select`.
 */
const HISTOGRAM_WIDTH = 1024;

/**
 * For each row, the `k` columns of smallest reduced cost (cost - v), its own column always
 * among them (it is the row's minimum whenever this is called). The k-th smallest reduced cost
 * is found by counting how far each column is above the row's minimum (costs are whole numbers,
 * and the few columns a row wants are close to its minimum); the list is then the columns below
 * it, then ties at it, until full.
 */
export function candidateLists(
  cost: Int32Array,
  n: number,
  v: Float64Array,
  colOfRow: Int32Array,
  wanted: number,
): CandidateLists {
  const k = Math.min(wanted, n);
  const start = new Int32Array(n + 1);
  const cols = new Int32Array(n * k);
  const costs = new Int32Array(n * k);
  const reduced = new Float64Array(n);
  const scratch = new Float64Array(n);
  const counts = new Int32Array(HISTOGRAM_WIDTH);
  let at = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    const base = i * n;
    const own = colOfRow[i]!;
    let min = Infinity;
    for (let j = 0; j < n; j++) {
      const h = cost[base + j]! - v[j]!;
      reduced[j] = h;
      if (h < min) min = h;
    }
    const threshold = kthSmallest(reduced, n, k, min, counts, scratch);
    const end = at + k;
    if (own >= 0) {
      cols[at] = own;
      costs[at++] = cost[base + own]!;
    }
    // Below the threshold first, then ties at it, until the list is full.
    for (let j = 0; j < n && at < end; j++) {
      if (j !== own && reduced[j]! < threshold) {
        cols[at] = j;
        costs[at++] = cost[base + j]!;
      }
    }
    for (let j = 0; j < n && at < end; j++) {
      if (j !== own && reduced[j]! === threshold) {
        cols[at] = j;
        costs[at++] = cost[base + j]!;
      }
    }
  }
  start[n] = at;
  return { start, cols, costs };
}

/**
 * The k-th smallest (1-based) of values[0, n), whole numbers whose smallest is `min`: by a
 * histogram of value - min when enough lie within `counts.length` of it, else by `select` over
 * a copy in `scratch` (select reorders what it reads).
 */
function kthSmallest(
  values: Float64Array,
  n: number,
  k: number,
  min: number,
  counts: Int32Array,
  scratch: Float64Array,
): number {
  const width = counts.length;
  counts.fill(0);
  for (let j = 0; j < n; j++) {
    const above = values[j]! - min;
    if (above < width) counts[above | 0]!++;
  }
  let seen = 0;
  for (let t = 0; t < width; t++) {
    seen += counts[t]!;
    if (seen >= k) return min + t;
  }
  scratch.set(values.subarray(0, n));
  return select(scratch, n, k - 1);
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
  for (let k = 0; k < last; k++) {
    const j = settled[k]!;
    v[j] = v[j]! + dist[k]! - min;
  }
  reset();
  let j = end;
  for (;;) {
    const i = pred[j]!;
    rowOfCol[j] = i;
    const next = colOfRow[i]!;
    colOfRow[i] = j;
    if (i === free) break;
    j = next;
  }
  return true;
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
