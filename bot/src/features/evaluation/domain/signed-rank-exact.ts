/**
 * The one piece of the signed-rank test `@stdlib/stats-wilcoxon` does not give: an EXACT p-value
 * when differences tie or some are zero. The library (like R's `wilcox.test`) falls back to the
 * normal approximation in that case, and answers on a 1–5 scale nearly always tie. Here the
 * exact conditional null distribution is built: given the (mid)ranks of the non-zero absolute
 * differences, each sign is + or − with probability ½ under "no change", and V (the sum of the
 * ranks of the positive differences) is counted over all 2^n sign patterns by dynamic
 * programming on doubled ranks (midranks are multiples of ½). This is the conditional test of
 * `exactRankTests::wilcox.exact` and `coin::wilcoxsign_test(distribution = "exact")`.
 */

/** Midranks of `values` (1-based; tied values share the mean of their ranks). */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k += 1) ranks[order[k]!.index] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Two-sided exact conditional p-value of the signed-rank statistic for the non-zero
 * `differences`: twice the smaller tail of V's distribution at the observed V, at most 1 (the
 * distribution is symmetric, so this equals P(|V − E V| ≥ |v − E V|)).
 */
export function exactSignedRankP(differences: readonly number[]): number {
  const nonZero = differences.filter((d) => d !== 0);
  if (nonZero.length === 0) return 1;
  const ranks = midranks(nonZero.map(Math.abs));
  const doubled = ranks.map((r) => Math.round(r * 2));
  const total = doubled.reduce((sum, w) => sum + w, 0);
  // probability[s]: chance that the doubled positive-rank sum is s.
  let probability = new Float64Array(total + 1);
  probability[0] = 1;
  let reach = 0;
  for (const w of doubled) {
    const next = new Float64Array(total + 1);
    for (let s = 0; s <= reach; s += 1) {
      const p = probability[s]!;
      if (p === 0) continue;
      next[s] = next[s]! + p / 2;
      next[s + w] = next[s + w]! + p / 2;
    }
    reach += w;
    probability = next;
  }
  const observed = nonZero.reduce((sum, d, i) => (d > 0 ? sum + doubled[i]! : sum), 0);
  let lower = 0;
  let upper = 0;
  for (let s = 0; s <= total; s += 1) {
    if (s <= observed) lower += probability[s]!;
    if (s >= observed) upper += probability[s]!;
  }
  return Math.min(1, 2 * Math.min(lower, upper));
}
