/**
 * Each row's few most promising columns for the sparse shortest paths of
 * `jonker-volgenant-sparse.ts`: the columns of smallest reduced cost (cost - v).
 */

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
