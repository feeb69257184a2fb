import fc from 'fast-check';
import wilcoxon from '@stdlib/stats-wilcoxon';
import {
  EXACT_MAX,
  exactSignedRankP,
  median,
  midranks,
  pairedChange,
} from '../../bot/src/features/evaluation';

/** Two-sided p by listing all 2^n sign patterns of the midranks (plain reference code). */
function bruteForceP(differences: number[]): number {
  const nonZero = differences.filter((d) => d !== 0);
  const ranks = midranks(nonZero.map(Math.abs));
  const observed = nonZero.reduce((sum, d, i) => (d > 0 ? sum + ranks[i]! : sum), 0);
  const patterns = 2 ** nonZero.length;
  let low = 0;
  let high = 0;
  for (let mask = 0; mask < patterns; mask += 1) {
    let v = 0;
    ranks.forEach((r, i) => {
      if (mask & (1 << i)) v += r;
    });
    if (v <= observed + 1e-9) low += 1;
    if (v >= observed - 1e-9) high += 1;
  }
  return Math.min(1, (2 * Math.min(low, high)) / patterns);
}

describe('paired change: reference values from published data sets', () => {
  it('matches the Hamilton depression scale example (Hollander & Wolfe 1973, p. 29f)', () => {
    // Hollander, M. & Wolfe, D. A. (1973) Nonparametric Statistical Methods, New York: Wiley,
    // pp. 27–33: factor IV of the Hamilton depression scale for nine patients at the first (x)
    // and second (y) visit after starting a tranquilliser. R's `?wilcox.test` runs this example:
    // `wilcox.test(x, y, paired = TRUE, alternative = "greater")` gives V = 40, p = 0.01953,
    // so the two-sided p is 2 × 0.01953125 = 0.0390625 (no ties or zeros: the exact test).
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    // "before" is the second visit, "after" the first, so V counts the x − y rises as in R.
    const change = pairedChange(y, x);
    expect(change.n).toBe(9);
    expect(change.statistic).toBe(40);
    expect(change.pValue).toBeCloseTo(0.0390625, 10);
    expect(change.method).toBe('exact');
    // The x − y differences sorted: −0.147, −0.08, 0.01, 0.43, 0.49, 0.59, 0.62, 0.952, 1.022.
    expect(change.medianDifference).toBeCloseTo(0.49, 10);
    // Rank-biserial (Kerby 2014, "The simple difference formula", Comprehensive Psychology 3:1):
    // R+ = V = 40, R− = 45 − 40 = 5, r = (40 − 5) / 45 = 0.7778.
    expect(change.rankBiserial).toBeCloseTo(35 / 45, 10);
  });

  it("matches Darwin's Zea mays pairs (Fisher 1935; Cureton 1967): V = 96, p = 0.04126", () => {
    // Height differences (eighths of an inch) of 15 cross- and self-fertilised pairs, as in
    // Fisher, R. A. (1935) The Design of Experiments, §17; the signed-rank test of these gives
    // V = 96 and the two-sided exact p = 0.04126 (R: wilcox.test(d); also stdlib's README).
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const change = pairedChange(
      d.map(() => 0),
      d,
    );
    expect(change.statistic).toBe(96);
    expect(change.pValue).toBeCloseTo(0.04126, 5);
    expect(change.method).toBe('exact');
    // Sorted: −67, −48, 6, 8, 14, 16, 23, 24, … : the eighth of fifteen is 24.
    expect(change.medianDifference).toBe(24);
    // R+ = 96 of 120, R− = 24: r = 72 / 120.
    expect(change.rankBiserial).toBeCloseTo(0.6, 10);
  });
});

describe('paired change: what the library does not give, computed and labelled', () => {
  it('gives an exact conditional p with ties, where stdlib (like R) falls back to the normal curve', () => {
    // Six people on a 1–5 scale: three rose by 1, two by 2, one fell by 1, two did not change.
    const before = [2, 3, 3, 2, 1, 4, 3, 3];
    const after = [3, 4, 4, 4, 3, 3, 3, 3];
    const change = pairedChange(before, after);
    const library = wilcoxon(after, before);
    expect(change.method).toBe('exact_conditional');
    expect(change.n).toBe(8);
    expect(change.statistic).toBe(library.statistic);
    // The nonzero differences 1, 1, 1, 2, 2, −1 have midranks 2.5 ×4 and 5.5 ×2: V = 18.5.
    expect(change.statistic).toBe(18.5);
    // Of the 64 sign patterns, V = 2.5a + 5.5b (a of the four 2.5s and b of the two 5.5s
    // positive) reaches 18.5 only with b = 2 and a ≥ 3: 4 + 1 = 5 patterns; doubled, p = 10 / 64.
    expect(change.pValue).toBeCloseTo(10 / 64, 12);
    expect(change.pValue).toBeCloseTo(bruteForceP(after.map((a, i) => a - before[i]!)), 12);
    expect(library.pValue).not.toBeCloseTo(10 / 64, 3);
    expect(change.medianDifference).toBe(1);
  });

  it('never gives a p-value above 1 (stdlib answers 1.25 when V sits at the centre)', () => {
    const before = [0, 0, 0];
    const after = [1, 2, -3];
    expect(wilcoxon(after, before).pValue).toBeGreaterThan(1);
    const change = pairedChange(before, after);
    expect(change.method).toBe('exact');
    expect(change.pValue).toBe(1);
    expect(change.rankBiserial).toBe(0);
  });

  it('has no test when nobody changed, and rank-biserial 0', () => {
    const change = pairedChange([3, 4, 5], [3, 4, 5]);
    expect(change).toMatchObject({ statistic: null, pValue: null, method: 'none' });
    expect(change.rankBiserial).toBe(0);
    expect(change.medianDifference).toBe(0);
  });

  it('keeps the library’s normal approximation above 50 changed answers', () => {
    const before = Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
    const after = before.map((b, i) => b + (i % 4 === 0 ? -1 : 1));
    const change = pairedChange(before, after);
    expect(change.method).toBe('normal_approximation');
    expect(change.pValue).toBeCloseTo(wilcoxon(after, before).pValue, 12);
  });

  it('exact conditional p equals brute-force enumeration on random tied Likert data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (pairs) => {
          const differences = pairs.map(([b, a]) => a - b);
          fc.pre(differences.some((d) => d !== 0));
          expect(exactSignedRankP(differences)).toBeCloseTo(bruteForceP(differences), 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('exact conditional p equals the library’s exact p when nothing ties', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 2, maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (sizes, signs) => {
          const differences = sizes.map((s, i) => (signs[i] ? s : -s));
          const library = Math.min(1, wilcoxon(differences).pValue);
          expect(exactSignedRankP(differences)).toBeCloseTo(library, 10);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uses the exact path up to EXACT_MAX changed answers', () => {
    const before = Array.from({ length: EXACT_MAX }, () => 2);
    const after = before.map((b, i) => b + (i % 5 === 0 ? -1 : 1 + (i % 2)));
    expect(pairedChange(before, after).method).toBe('exact_conditional');
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(midranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('median counts whole numbers and sorts anything else, with the same answer either way', () => {
    const bySorting = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const m = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 60 }),
          fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 60 }),
          fc.array(
            fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0), // no -0
            { minLength: 1, maxLength: 60 },
          ),
        ),
        (values) => {
          expect(median(values)).toBe(bySorting(values));
        },
      ),
      { numRuns: 300 },
    );
    expect(median([])).toBeNaN();
  });
});
