import fc from 'fast-check';
import { maxWeightMatching } from '../../bot/src/features/matching/domain/max-weight-matching';
import { bruteForceGeneral } from '../support/brute-matching';

/** The blossom solver against brute force: random small graphs and graphs built to nest blossoms. */

type Edge = readonly [number, number, number];

function matrixOf(n: number, edges: readonly Edge[]): Float64Array {
  const m = new Float64Array(n * n);
  for (const [a, b, w] of edges) m[a * n + b] = m[b * n + a] = w;
  return m;
}

/** The matching's edge count and total, after checking it is a matching of real edges. */
function measure(n: number, m: Float64Array, mate: Int32Array): { count: number; total: number } {
  let count = 0;
  let total = 0;
  for (let v = 0; v < n; v++) {
    const u = mate[v]!;
    if (u < 0) continue;
    expect(mate[u]).toBe(v);
    expect(m[v * n + u]).toBeGreaterThan(0);
    if (u > v) {
      count++;
      total += m[v * n + u]!;
    }
  }
  return { count, total };
}

const brute = (n: number, m: Float64Array): ReturnType<typeof bruteForceGeneral> =>
  bruteForceGeneral(n, (i, j) => (m[i * n + j]! > 0 ? m[i * n + j]! : -1));

const graphArbitrary = (
  maxN: number,
  maxWeight: number,
): fc.Arbitrary<{ n: number; edges: Edge[] }> =>
  fc.integer({ min: 0, max: maxN }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges:
        n < 2
          ? fc.constant([] as Edge[])
          : fc.uniqueArray(
              fc
                .tuple(
                  fc.integer({ min: 0, max: n - 1 }),
                  fc.integer({ min: 0, max: n - 1 }),
                  fc.integer({ min: 1, max: maxWeight }),
                )
                .filter(([a, b]) => a !== b),
              {
                selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
                maxLength: (n * (n - 1)) / 2,
              },
            ),
    }),
  );

/** Graphs whose best matchings need nested blossoms, relabelling and expansion (1-based). */
const HARD_GRAPHS: readonly (readonly Edge[])[] = [
  [
    [1, 2, 8],
    [1, 3, 9],
    [2, 3, 10],
    [3, 4, 7],
    [1, 6, 5],
    [4, 5, 6],
  ],
  [
    [1, 2, 9],
    [1, 3, 8],
    [2, 3, 10],
    [1, 4, 5],
    [4, 5, 4],
    [1, 6, 3],
  ],
  [
    [1, 2, 9],
    [1, 3, 8],
    [2, 3, 10],
    [1, 4, 5],
    [4, 5, 3],
    [3, 6, 4],
  ],
  [
    [1, 2, 9],
    [1, 3, 9],
    [2, 3, 10],
    [2, 4, 8],
    [3, 5, 8],
    [4, 5, 10],
    [5, 6, 6],
  ],
  [
    [1, 2, 10],
    [1, 7, 10],
    [2, 3, 12],
    [3, 4, 20],
    [3, 5, 20],
    [4, 5, 25],
    [5, 6, 10],
    [6, 7, 10],
    [7, 8, 8],
  ],
  [
    [1, 2, 8],
    [1, 3, 8],
    [2, 3, 10],
    [2, 4, 12],
    [3, 5, 12],
    [4, 5, 14],
    [4, 6, 12],
    [5, 7, 12],
    [6, 7, 14],
    [7, 8, 12],
  ],
  [
    [1, 2, 23],
    [1, 5, 22],
    [1, 6, 15],
    [2, 3, 25],
    [3, 4, 22],
    [4, 5, 25],
    [4, 8, 14],
    [5, 7, 13],
  ],
  [
    [1, 2, 19],
    [1, 3, 20],
    [1, 8, 8],
    [2, 3, 25],
    [2, 4, 18],
    [3, 5, 18],
    [4, 5, 13],
    [4, 7, 7],
    [5, 6, 7],
  ],
  [
    [1, 2, 45],
    [1, 5, 45],
    [2, 3, 50],
    [3, 4, 45],
    [4, 5, 50],
    [1, 6, 30],
    [3, 9, 35],
    [4, 8, 35],
    [5, 7, 26],
    [9, 10, 5],
  ],
  [
    [1, 2, 45],
    [1, 5, 45],
    [2, 3, 50],
    [3, 4, 45],
    [4, 5, 50],
    [1, 6, 30],
    [3, 9, 35],
    [4, 8, 26],
    [5, 7, 40],
    [9, 10, 5],
  ],
  [
    [1, 2, 45],
    [1, 5, 45],
    [2, 3, 50],
    [3, 4, 45],
    [4, 5, 50],
    [1, 6, 30],
    [3, 9, 35],
    [4, 8, 28],
    [5, 7, 26],
    [9, 10, 5],
  ],
  [
    [1, 2, 45],
    [1, 7, 45],
    [2, 3, 50],
    [3, 4, 45],
    [4, 5, 95],
    [4, 6, 94],
    [5, 6, 94],
    [6, 7, 50],
    [1, 8, 30],
    [3, 11, 35],
    [5, 9, 36],
    [7, 10, 26],
    [11, 12, 5],
  ],
  [
    [1, 2, 40],
    [1, 3, 40],
    [2, 3, 60],
    [2, 4, 55],
    [3, 5, 55],
    [4, 5, 50],
    [1, 8, 15],
    [5, 7, 30],
    [7, 6, 10],
    [8, 10, 10],
    [4, 9, 30],
  ],
];

describe('maximum-weight matching (blossom) against brute force', () => {
  it('finds a best matching on graphs built to need nested blossoms and their expansion', () => {
    for (const graph of HARD_GRAPHS) {
      const n = Math.max(...graph.flatMap(([a, b]) => [a, b]));
      const m = matrixOf(
        n,
        graph.map(([a, b, w]) => [a - 1, b - 1, w] as const),
      );
      expect(measure(n, m, maxWeightMatching(n, m)).total).toBe(brute(n, m).maxTotal);
    }
  });

  it('handles the empty graph, one vertex, and vertices with no edges', () => {
    expect(Array.from(maxWeightMatching(0, new Float64Array(0)))).toEqual([]);
    expect(Array.from(maxWeightMatching(1, new Float64Array(1)))).toEqual([-1]);
    expect(Array.from(maxWeightMatching(3, matrixOf(3, [[0, 2, 4]])))).toEqual([2, -1, 0]);
  });

  it('refuses weights that are not symmetric whole numbers', () => {
    expect(() => maxWeightMatching(2, Float64Array.from([0, 1.5, 1.5, 0]))).toThrow(RangeError);
    expect(() => maxWeightMatching(2, Float64Array.from([0, 1, 2, 0]))).toThrow(RangeError);
    expect(() => maxWeightMatching(2, Float64Array.from([0, 1]))).toThrow(RangeError);
  });

  it('reaches the brute-force best total on random graphs (equal weights included)', () => {
    fc.assert(
      fc.property(graphArbitrary(12, 4), graphArbitrary(10, 60), ({ n, edges }, other) => {
        for (const g of [{ n, edges }, other]) {
          const m = matrixOf(g.n, g.edges);
          expect(measure(g.n, m, maxWeightMatching(g.n, m)).total).toBe(brute(g.n, m).maxTotal);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('with lexicographic weights (one more edge outweighs any total), reaches the most edges, then the best total', () => {
    fc.assert(
      fc.property(graphArbitrary(11, 9), ({ n, edges }) => {
        const m = matrixOf(n, edges);
        const big = 9 * Math.floor(n / 2) + 1;
        const lex = m.map((w) => (w > 0 ? big + w : 0));
        const got = measure(n, m, maxWeightMatching(n, lex));
        const best = brute(n, m);
        expect(got.count).toBe(best.maxCount);
        expect(got.total).toBe(best.maxTotalAtMaxCount);
      }),
      { numRuns: 300 },
    );
  });
});
