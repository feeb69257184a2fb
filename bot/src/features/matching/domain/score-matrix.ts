import { popcount, type CompiledPool } from './compiled-pool';
import type { RuleContext } from './hard-rules';
import type { MatchAim, MatchWeights } from './matching-input';
import { pairCost, scoreOfCost, type PairCost } from './pair-cost';

/**
 * Every free mentor x free mentee pair checked and scored, kept as the assignment solver's
 * cost (`pair-cost.ts`), so the 25 million pairs of 5,000 a side take one square matrix of
 * 32-bit integers (100 MB) and no second copy.
 */
export interface ScoreMatrix {
  /** Free mentors (rows) and free mentees (columns). */
  readonly rows: number;
  readonly cols: number;
  /** The square's side, max(rows, cols): the shorter side is padded with "unpaired" places. */
  readonly n: number;
  /** n x n costs, row by row; 0 for a forbidden pair and for every padded place. */
  readonly cost: Int32Array;
  readonly encoding: PairCost;
  /** Free mentor r and free mentee c's score, or -1 where a hard rule forbids the pair. */
  scoreAt(r: number, c: number): number;
}

/**
 * Every free mentor x free mentee pair checked and scored, straight into one typed array. The
 * rules that hold per pair (band gap, reporting line as an O(1) test on the line-manager
 * forest's walk times, meeting mode) run in the loop; the never-pair and earlier-cohort lists
 * are marked afterwards from their own lists. The score is `pairScore`'s sum, term by term in
 * the same order, over the compiled pool's numbers and bit masks, so 25 million pairs cost
 * integer work only. The property tests hold this matrix against the plain rules
 * (`brokenRule`) and each proposed pair's `pairScore` on random cohorts.
 */
export function scoreMatrix(
  ctx: RuleContext,
  weights: MatchWeights,
  aim: MatchAim,
  mentors: readonly number[],
  mentees: readonly number[],
): ScoreMatrix {
  const { pool } = ctx;
  const rows = mentors.length;
  const cols = mentees.length;
  const n = Math.max(rows, cols);
  const encoding = pairCost(aim, weights, Math.min(rows, cols));
  const cost = new Int32Array(n * n);
  const x = gatherMentees(pool, mentees, weights);
  for (let r = 0; r < rows; r++) {
    scoreRow(pool, ctx.minimumBandGap, weights, encoding, x, mentors[r]!, cost, r * n);
  }
  markLists(ctx, cost, n, mentors, mentees);
  const scoreAt = (r: number, c: number): number => scoreOfCost(cost[r * n + c]!, encoding);
  return { rows, cols, n, cost, encoding, scoreAt };
}

/**
 * One mentor's row. Every array is read through a local (no property loads in the loop), and
 * masks of one word (up to 32 perspectives, slots or lived-experience tokens: the usual case)
 * are read without an inner loop.
 */
function scoreRow(
  pool: CompiledPool,
  minimumBandGap: number,
  weights: MatchWeights,
  { scale, offset }: PairCost,
  x: GatheredMentees,
  m: number,
  cost: Int32Array,
  base: number,
): void {
  const w = pool.wordsPerMask;
  const { shared, slots, lived } = pool;
  const { column, band, enter, exit, mode, place, organisation, stride } = x;
  const { wanted, wantedCount, perspectivePoints, livedCount, slotCount, availabilityPoints } = x;
  const xLived = x.lived;
  const xSlots = x.slots;
  const livedPoints = weights.livedExperience;
  const crossOrganisation = weights.crossOrganisation;
  const locationPoints = weights.location;
  const cols = column.length;
  const ceiling = pool.band[m]! + minimumBandGap;
  const mMode = pool.mode[m]!;
  const mPlace = pool.location[m]!;
  const mOrg = pool.organisation[m]!;
  const mEnter = pool.lineEnter[m]!;
  const mExit = pool.lineExit[m]!;
  const mLived = pool.livedCount[m]! > 0;
  const single = w === 1;
  const mShared = shared[m * w]!;
  const mSlots = slots[m * w]!;
  const mLivedMask = lived[m * w]!;
  // Columns are read in band order: those too close in band come first, all forbidden (cost
  // 0, as the new matrix already holds).
  let c = 0;
  while (c < cols && band[c]! < ceiling) c++;
  for (; c < cols; c++) {
    const at = base + column[c]!;
    const xEnter = enter[c]!;
    const xExit = exit[c]!;
    const xMode = mode[c]!;
    const xPlace = place[c]!;
    if (
      (mEnter <= xEnter && xExit <= mExit) ||
      (xEnter <= mEnter && mExit <= xExit) ||
      ((mMode === 1 || xMode === 1) &&
        (mMode === 0 || xMode === 0 || mPlace === 0 || mPlace !== xPlace))
    )
      continue;
    let score = 0;
    if (wantedCount[c]! > 0) {
      let covered = 0;
      if (single) covered = popcount(mShared & wanted[c]!);
      else for (let k = 0; k < w; k++) covered += popcount(shared[m * w + k]! & wanted[c * w + k]!);
      score += perspectivePoints[c * stride + covered]!;
    }
    if (mLived && livedCount[c]! > 0) {
      let differs = 0;
      if (single) differs = mLivedMask & ~xLived[c]!;
      else for (let k = 0; k < w; k++) differs |= lived[m * w + k]! & ~xLived[c * w + k]!;
      if (differs !== 0) score += livedPoints;
    }
    if (mOrg !== organisation[c]) score += crossOrganisation;
    if (slotCount[c]! > 0) {
      let common = 0;
      if (single) common = popcount(mSlots & xSlots[c]!);
      else for (let k = 0; k < w; k++) common += popcount(slots[m * w + k]! & xSlots[c * w + k]!);
      score += availabilityPoints[c * stride + common]!;
    }
    if (mPlace !== 0 && mPlace === xPlace) score += locationPoints;
    cost[at] = -(Math.round(score) * scale + offset);
  }
}

type GatheredMentees = ReturnType<typeof gatherMentees>;

/**
 * The free mentees' numbers, copied side by side (no lookups in the loop), sorted by band, then
 * meeting mode and location, so that the rule checks in the loop take the same way many times
 * in a row; `column` gives each one's column in the matrix.
 */
function gatherMentees(pool: CompiledPool, free: readonly number[], weights: MatchWeights) {
  const w = pool.wordsPerMask;
  const cols = free.length;
  const column = Int32Array.from(free.keys()).sort(
    (a, b) =>
      pool.band[free[a]!]! - pool.band[free[b]!]! ||
      pool.mode[free[a]!]! - pool.mode[free[b]!]! ||
      pool.location[free[a]!]! - pool.location[free[b]!]!,
  );
  const mentees = Array.from(column, (c) => free[c]!);
  // The share-based points, worked out once per mentee for each possible count in common,
  // with the very expression `pairScore` uses: (weight * count) / the mentee's own count.
  const stride = w * 32 + 1;
  const perspectivePoints = new Float64Array(cols * stride);
  const availabilityPoints = new Float64Array(cols * stride);
  mentees.forEach((x, c) => {
    const want = pool.wantedCount[x]!;
    const own = pool.slotCount[x]!;
    for (let k = 0; k < stride; k++) {
      if (want > 0) perspectivePoints[c * stride + k] = (weights.perspectives * k) / want;
      if (own > 0) availabilityPoints[c * stride + k] = (weights.availability * k) / own;
    }
  });
  const words = (mask: Uint32Array): Uint32Array => {
    const out = new Uint32Array(cols * w);
    mentees.forEach((x, c) => out.set(mask.subarray(x * w, (x + 1) * w), c * w));
    return out;
  };
  const pick = <T extends Int32Array | Int8Array | Float64Array>(from: T, to: T): T => {
    mentees.forEach((x, c) => (to[c] = from[x]!));
    return to;
  };
  return {
    column,
    stride,
    perspectivePoints,
    availabilityPoints,
    band: pick(pool.band, new Float64Array(cols)),
    mode: pick(pool.mode, new Int8Array(cols)),
    place: pick(pool.location, new Int32Array(cols)),
    organisation: pick(pool.organisation, new Int32Array(cols)),
    enter: pick(pool.lineEnter, new Int32Array(cols)),
    exit: pick(pool.lineExit, new Int32Array(cols)),
    wantedCount: pick(pool.wantedCount, new Int32Array(cols)),
    slotCount: pick(pool.slotCount, new Int32Array(cols)),
    livedCount: pick(pool.livedCount, new Int32Array(cols)),
    wanted: words(pool.wanted),
    slots: words(pool.slots),
    lived: words(pool.lived),
  };
}

/** Forbids the pairs on the never-pair and earlier-cohort lists (either order). */
function markLists(
  ctx: RuleContext,
  cost: Int32Array,
  n: number,
  mentors: readonly number[],
  mentees: readonly number[],
): void {
  const size = ctx.pool.people.length;
  const rowOf = new Int32Array(size).fill(-1);
  const colOf = new Int32Array(size).fill(-1);
  mentors.forEach((m, r) => (rowOf[m] = r));
  mentees.forEach((x, c) => (colOf[x] = c));
  const forbid = (a: number, b: number): void => {
    if (rowOf[a]! >= 0 && colOf[b]! >= 0) cost[rowOf[a]! * n + colOf[b]!] = 0;
    if (rowOf[b]! >= 0 && colOf[a]! >= 0) cost[rowOf[b]! * n + colOf[a]!] = 0;
  };
  ctx.neverPair.forEach(forbid);
  ctx.previousPairs.forEach(forbid);
}
