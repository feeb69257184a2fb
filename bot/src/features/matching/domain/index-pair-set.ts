/**
 * Unordered pairs of people, by their index in the pool (the never-pair and earlier-cohort
 * lists): built at once from the whole list, each pair kept under its smaller index, the
 * larger indices of each row sorted, one after another in one typed array. A million pairs
 * are built in a few counting passes and a sort per row, and `has` is a binary search.
 */
export class IndexPairSet {
  private constructor(
    /** Row r's partners are others[start[r], start[r + 1]), sorted, each once. */
    private readonly start: Int32Array,
    private readonly others: Int32Array,
  ) {}

  /** Pair k is (first[k], second[k]), in either order; a pair given twice is kept once. */
  static of(size: number, first: ArrayLike<number>, second: ArrayLike<number>): IndexPairSet {
    const count = first.length;
    const start = new Int32Array(size + 1);
    for (let k = 0; k < count; k++) start[Math.min(first[k]!, second[k]!) + 1]!++;
    for (let r = 0; r < size; r++) start[r + 1]! += start[r]!;
    const next = start.slice(0, size);
    const others = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const a = first[k]!;
      const b = second[k]!;
      others[next[Math.min(a, b)]!++] = Math.max(a, b);
    }
    // Sort each row and drop repeats, moving the rows down over the gaps left.
    let kept = 0;
    let from = 0;
    for (let r = 0; r < size; r++) {
      const to = start[r + 1]!;
      const row = others.subarray(from, to).sort();
      start[r] = kept;
      for (let e = 0; e < row.length; e++)
        if (e === 0 || row[e] !== row[e - 1]) others[kept++] = row[e]!;
      from = to;
    }
    start[size] = kept;
    return new IndexPairSet(start, others.subarray(0, kept));
  }

  /** The pairs of a list named by id; a pair naming anyone not in `index` is left out. */
  static ofIds(
    size: number,
    index: ReadonlyMap<string, number>,
    list: readonly (readonly [string, string])[] | undefined,
  ): IndexPairSet {
    const pairs = list ?? [];
    const first = new Int32Array(pairs.length);
    const second = new Int32Array(pairs.length);
    let count = 0;
    for (let k = 0; k < pairs.length; k++) {
      const pair = pairs[k]!;
      const a = index.get(pair[0]);
      const b = index.get(pair[1]);
      if (a === undefined || b === undefined) continue;
      first[count] = a;
      second[count++] = b;
    }
    return IndexPairSet.of(size, first.subarray(0, count), second.subarray(0, count));
  }

  has(a: number, b: number): boolean {
    const row = Math.min(a, b);
    const other = Math.max(a, b);
    if (row < 0 || row >= this.start.length - 1) return false;
    let lo = this.start[row]!;
    let hi = this.start[row + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const x = this.others[mid]!;
      if (x === other) return true;
      if (x < other) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** Each pair once, smaller index first. */
  forEach(visit: (a: number, b: number) => void): void {
    for (let r = 0; r + 1 < this.start.length; r++)
      for (let e = this.start[r]!; e < this.start[r + 1]!; e++) visit(r, this.others[e]!);
  }
}
