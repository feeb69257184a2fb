import wilcoxon from '@stdlib/stats-wilcoxon';
import { exactSignedRankP } from './signed-rank-exact';

/**
 * Paired pre/post change for one item or domain over the people who answered both times: the
 * median difference, the Wilcoxon signed-rank test and the matched-pairs rank-biserial
 * correlation as the effect size.
 *
 * The test is `@stdlib/stats-wilcoxon` (two-sided, zero differences dropped as in Wilcoxon's
 * method and R's default). What it gives and what it does not:
 * - V (the sum of the ranks of the improvements) always comes from it;
 * - with at most 50 non-zero differences, none zero and no ties, its p-value is exact (the
 *   signed-rank distribution); we only cap it at 1 (stdlib 0.2.3 answers 2·P(V ≤ v), which
 *   passes 1 when v sits at the centre, where R answers 1);
 * - with ties or zeros it, like R, uses the normal approximation even for a handful of people.
 *   For up to 50 non-zero differences we compute the exact conditional p-value instead
 *   (`signed-rank-exact.ts`), and say so in `method`;
 * - above 50 its normal approximation (with the tie and continuity corrections) is kept.
 */

/** Above this many non-zero differences the normal approximation is used (as stdlib and R). */
export const EXACT_MAX = 50;

export type PValueMethod = 'exact' | 'exact_conditional' | 'normal_approximation' | 'none';

export interface PairedChange {
  /** People who answered both times. */
  n: number;
  /** Of them, whose answer changed (the test ranks these). */
  changed: number;
  medianBefore: number;
  medianAfter: number;
  /** Median of each person's after − before (not the difference of the medians). */
  medianDifference: number;
  /** Wilcoxon's V: the sum of the ranks of the positive differences (null when nobody changed). */
  statistic: number | null;
  /** Two-sided p-value (null when nobody changed: there is nothing to test). */
  pValue: number | null;
  method: PValueMethod;
  /**
   * Matched-pairs rank-biserial correlation, (R+ − R−) / (R+ + R−): from −1 (everyone's answer
   * fell) through 0 (rises and falls balance) to +1 (everyone's rose), zeros left out.
   */
  rankBiserial: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const counted = wholeNumberMedian(values);
  if (counted !== undefined) return counted;
  // A typed array sorts numerically without a comparator: many times faster than an array.
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The widest span of whole numbers counted rather than sorted (scores and their changes). */
const COUNTED_SPAN = 4096;

/**
 * The median of whole numbers in a narrow span (scale scores, sums of them and their changes),
 * by counting each value once instead of sorting; undefined for anything else.
 */
function wholeNumberMedian(values: readonly number[]): number | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isInteger(v)) return undefined;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (high - low > COUNTED_SPAN) return undefined;
  const counts = new Uint32Array(high - low + 1);
  for (const v of values) counts[v - low]! += 1;
  /** The value at a position (0-based) in sorted order. */
  const at = (position: number): number => {
    let seen = 0;
    for (let i = 0; i < counts.length; i += 1) {
      seen += counts[i]!;
      if (seen > position) return low + i;
    }
    return high;
  };
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

function hasTies(values: readonly number[]): boolean {
  return new Set(values).size !== values.length;
}

/** The change from `before[i]` to `after[i]`, person by person (same order, same length). */
export function pairedChange(before: readonly number[], after: readonly number[]): PairedChange {
  if (before.length !== after.length) {
    throw new Error('pairedChange: before and after must pair up one to one');
  }
  const differences = after.map((a, i) => a - before[i]!);
  const nonZero = differences.filter((d) => d !== 0);
  const base = {
    n: before.length,
    changed: nonZero.length,
    medianBefore: median(before),
    medianAfter: median(after),
    medianDifference: median(differences),
  };
  if (nonZero.length === 0) {
    return { ...base, statistic: null, pValue: null, method: 'none', rankBiserial: 0 };
  }
  // stdlib refuses fewer than two pairs; one pair that changed is V = 1, p = 1.
  const result =
    before.length >= 2
      ? // Typed arrays take the library's faster path (the same answer, in about half the time).
        wilcoxon(Float64Array.from(after), Float64Array.from(before), { zeroMethod: 'wilcox' })
      : { statistic: differences[0]! > 0 ? 1 : 0, pValue: 1 };
  const statistic = result.statistic;
  const rankSum = (nonZero.length * (nonZero.length + 1)) / 2;
  const rankBiserial = (2 * statistic - rankSum) / rankSum;
  const untied = nonZero.length === differences.length && !hasTies(nonZero.map(Math.abs));
  let pValue: number;
  let method: PValueMethod;
  if (nonZero.length > EXACT_MAX) {
    pValue = result.pValue;
    method = 'normal_approximation';
  } else if (untied) {
    pValue = Math.min(1, result.pValue);
    method = 'exact';
  } else {
    pValue = exactSignedRankP(nonZero);
    method = 'exact_conditional';
  }
  return { ...base, statistic, pValue, method, rankBiserial };
}
