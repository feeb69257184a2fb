import { popcount, type CompiledPool } from './compiled-pool';
import type { RuleContext } from './hard-rules';
import type { MatchWeights } from './matching-input';

/** Every free mentor x free mentee pair's score; -1 where a hard rule forbids the pair. */
export interface ScoreMatrix {
  /** Row by row (one row per free mentor, one column per free mentee), in one typed array. */
  readonly flat: Float64Array;
  /** The same numbers, a view per row: rows[r][c] is flat[r * columns + c]. */
  readonly rows: readonly Float64Array[];
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
  mentors: readonly number[],
  mentees: readonly number[],
): ScoreMatrix {
  const { pool } = ctx;
  const cols = mentees.length;
  const flat = new Float64Array(mentors.length * cols);
  const w = pool.wordsPerMask;
  const x = gatherMentees(pool, mentees, weights);
  const stride = x.stride;
  const { shared, slots, lived } = pool;
  const livedPoints = weights.livedExperience;
  const crossOrganisation = weights.crossOrganisation;
  const locationPoints = weights.location;
  for (let r = 0; r < mentors.length; r++) {
    const m = mentors[r]!;
    const ceiling = pool.band[m]! + ctx.minimumBandGap;
    const mMode = pool.mode[m]!;
    const mPlace = pool.location[m]!;
    const mOrg = pool.organisation[m]!;
    const mEnter = pool.lineEnter[m]!;
    const mExit = pool.lineExit[m]!;
    const mLived = pool.livedCount[m]! > 0;
    const base = r * cols;
    // Columns are read in band order: those too close in band come first, all forbidden.
    let c = 0;
    for (; c < cols && x.band[c]! < ceiling; c++) flat[base + x.column[c]!] = -1;
    for (; c < cols; c++) {
      const at = base + x.column[c]!;
      const xEnter = x.enter[c]!;
      const xExit = x.exit[c]!;
      const xMode = x.mode[c]!;
      const xPlace = x.place[c]!;
      if (
        (mEnter <= xEnter && xExit <= mExit) ||
        (xEnter <= mEnter && mExit <= xExit) ||
        ((mMode === 1 || xMode === 1) &&
          (mMode === 0 || xMode === 0 || mPlace === 0 || mPlace !== xPlace))
      ) {
        flat[at] = -1;
        continue;
      }
      let score = 0;
      if (x.wantedCount[c]! > 0) {
        let covered = 0;
        for (let k = 0; k < w; k++) covered += popcount(shared[m * w + k]! & x.wanted[c * w + k]!);
        score += x.perspectivePoints[c * stride + covered]!;
      }
      if (mLived && x.livedCount[c]! > 0) {
        let differs = 0;
        for (let k = 0; k < w; k++) differs |= lived[m * w + k]! & ~x.lived[c * w + k]!;
        if (differs !== 0) score += livedPoints;
      }
      if (mOrg !== x.organisation[c]) score += crossOrganisation;
      if (x.slotCount[c]! > 0) {
        let common = 0;
        for (let k = 0; k < w; k++) common += popcount(slots[m * w + k]! & x.slots[c * w + k]!);
        score += x.availabilityPoints[c * stride + common]!;
      }
      if (mPlace !== 0 && mPlace === xPlace) score += locationPoints;
      flat[at] = Math.round(score);
    }
  }
  markLists(ctx, flat, cols, mentors, mentees);
  const rows = mentors.map((_, r) => flat.subarray(r * cols, (r + 1) * cols));
  return { flat, rows };
}

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
  flat: Float64Array,
  cols: number,
  mentors: readonly number[],
  mentees: readonly number[],
): void {
  const size = ctx.pool.people.length;
  const rowOf = new Int32Array(size).fill(-1);
  const colOf = new Int32Array(size).fill(-1);
  mentors.forEach((m, r) => (rowOf[m] = r));
  mentees.forEach((x, c) => (colOf[x] = c));
  const forbid = (a: number, b: number): void => {
    if (rowOf[a]! >= 0 && colOf[b]! >= 0) flat[rowOf[a]! * cols + colOf[b]!] = -1;
    if (rowOf[b]! >= 0 && colOf[a]! >= 0) flat[rowOf[b]! * cols + colOf[a]!] = -1;
  };
  ctx.neverPair.forEach(forbid);
  ctx.previousPairs.forEach(forbid);
}
