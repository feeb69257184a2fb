/** Every matching of a small weighted graph, by brute force: the largest count and totals. */
export interface BruteBest {
  /** The most edges any matching has. */
  readonly maxCount: number;
  /** The largest total weight of any matching. */
  readonly maxTotal: number;
  /** The largest total weight among the matchings with `maxCount` edges. */
  readonly maxTotalAtMaxCount: number;
}

/** `weight(i, j)` (i < j) is the edge's weight, or a negative number when there is no edge. */
export function bruteForceGeneral(n: number, weight: (i: number, j: number) => number): BruteBest {
  let maxCount = 0;
  let maxTotal = 0;
  let maxTotalAtMaxCount = 0;
  const used = new Array<boolean>(n).fill(false);
  const walk = (i: number, count: number, total: number): void => {
    if (i === n) {
      maxTotal = Math.max(maxTotal, total);
      if (count > maxCount) {
        maxCount = count;
        maxTotalAtMaxCount = total;
      } else if (count === maxCount) maxTotalAtMaxCount = Math.max(maxTotalAtMaxCount, total);
      return;
    }
    if (used[i]) return walk(i + 1, count, total);
    walk(i + 1, count, total);
    used[i] = true;
    for (let j = i + 1; j < n; j++) {
      const w = weight(i, j);
      if (w < 0 || used[j]) continue;
      used[j] = true;
      walk(i + 1, count + 1, total + w);
      used[j] = false;
    }
    used[i] = false;
  };
  walk(0, 0, 0);
  return { maxCount, maxTotal, maxTotalAtMaxCount };
}
