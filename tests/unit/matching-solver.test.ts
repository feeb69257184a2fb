import fc from 'fast-check';
import { munkres } from 'munkres';
import { compilePool, sameLine } from '../../bot/src/features/matching/domain/compiled-pool';
import { IndexPairSet } from '../../bot/src/features/matching/domain/index-pair-set';
import { candidateLists } from '../../bot/src/features/matching/domain/jonker-volgenant-lists';
import {
  solveAssignment,
  type SolverOptions,
} from '../../bot/src/features/matching/domain/jonker-volgenant';
import type { MatchCandidate } from '../../bot/src/features/matching';

/**
 * The reverse pool's own solver (Jonker–Volgenant) against brute force and `munkres`, and the
 * O(1) reporting-line test against a plain walk up the chain, on random inputs.
 */

/** A square integer matrix with many ties (few distinct values), as the real cohorts have. */
const squareMatrix = (maxN: number, values: number): fc.Arbitrary<number[][]> =>
  fc.integer({ min: 0, max: maxN }).chain((n) =>
    fc.array(fc.array(fc.integer({ min: -values, max: 0 }), { minLength: n, maxLength: n }), {
      minLength: n,
      maxLength: n,
    }),
  );

const flat = (rows: number[][]): Int32Array => Int32Array.from(rows.flat());

/**
 * Solving options drawn at random: the default row reduction or none (every free row then takes
 * a shortest path), whole rows or short candidate lists (rows then leave their lists).
 */
const options = fc.record({
  rowReductionPasses: fc.constantFrom(undefined, 0),
  candidatesPerRow: fc.constantFrom(undefined, 1, 2, 5),
});

function solve(rows: number[][], passes?: SolverOptions): { total: number; columns: number[] } {
  const columns = Array.from(solveAssignment(flat(rows), rows.length, passes));
  return { total: columns.reduce((sum, c, r) => sum + rows[r]![c]!, 0), columns };
}

function bruteForceMin(rows: number[][]): number {
  const n = rows.length;
  const used = new Array<boolean>(n).fill(false);
  let best = Infinity;
  const walk = (r: number, total: number): void => {
    if (r === n) {
      best = Math.min(best, total);
      return;
    }
    for (let c = 0; c < n; c++) {
      if (used[c]) continue;
      used[c] = true;
      walk(r + 1, total + rows[r]![c]!);
      used[c] = false;
    }
  };
  walk(0, 0);
  return best;
}

describe('Jonker–Volgenant assignment solver', () => {
  it('finds the cheapest assignment, a true permutation (brute force, up to 7 x 7)', () => {
    fc.assert(
      fc.property(squareMatrix(7, 4), options, (rows, passes) => {
        const { total, columns } = solve(rows, passes);
        expect([...columns].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
        expect(total).toBe(rows.length === 0 ? 0 : bruteForceMin(rows));
      }),
      { numRuns: 500 },
    );
  });

  it('reaches the same total as munkres on larger tie-heavy matrices (up to 60 x 60)', () => {
    fc.assert(
      fc.property(
        squareMatrix(60, 6),
        fc.integer({ min: 1, max: 1000 }),
        options,
        (rows, scale, passes) => {
          fc.pre(rows.length > 0);
          // Scaled and shifted like the real costs: a large constant, then the fit.
          const costs = rows.map((row) => row.map((x) => (x === 0 ? 0 : -(scale * 100 - x))));
          const byMunkres = munkres(costs).reduce((sum, [r, c]) => sum + costs[r]![c]!, 0);
          expect(solve(costs, passes).total).toBe(byMunkres);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches the same total as munkres on spread-out costs too (up to 40 x 40)', () => {
    fc.assert(
      fc.property(squareMatrix(40, 100), options, (rows, passes) => {
        fc.pre(rows.length > 0);
        const byMunkres = munkres(rows).reduce((sum, [r, c]) => sum + rows[r]![c]!, 0);
        expect(solve(rows, passes).total).toBe(byMunkres);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the same total as munkres when rows spread wider than the candidate histogram', () => {
    // Costs a million apart: a row's few cheapest columns lie far above its minimum, so the
    // candidate lists fall back from counting to selecting.
    fc.assert(
      fc.property(squareMatrix(30, 1_000_000), options, (rows, passes) => {
        fc.pre(rows.length > 0);
        const byMunkres = munkres(rows).reduce((sum, [r, c]) => sum + rows[r]![c]!, 0);
        expect(solve(rows, passes).total).toBe(byMunkres);
      }),
      { numRuns: 200 },
    );
  });

  it('lists for each row exactly its k smallest reduced costs, narrow rows and wide ones', () => {
    fc.assert(
      fc.property(
        squareMatrix(30, 5000).filter((rows) => rows.length > 0),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 3000 }),
        (rows, k, vSpread) => {
          const n = rows.length;
          const v = Float64Array.from(rows, (_, j) => -((j * 7919) % (vSpread + 1)));
          const lists = candidateLists(flat(rows), n, v, new Int32Array(n).fill(-1), k);
          rows.forEach((row, i) => {
            const listed: number[] = [];
            for (let e = lists.start[i]!; e < lists.start[i + 1]!; e++) {
              const j = lists.cols[e]!;
              expect(lists.costs[e]).toBe(row[j]);
              listed.push(row[j]! - v[j]!);
            }
            const smallest = row.map((c, j) => c - v[j]!).sort((a, b) => a - b);
            expect(listed.sort((a, b) => a - b)).toEqual(smallest.slice(0, k));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a cost array of the wrong length', () => {
    expect(() => solveAssignment(new Int32Array(3), 2)).toThrow(RangeError);
  });
});

/** Random line-manager graphs: anyone may name anyone (cycles included) or someone outside. */
const managerGraph = fc
  .array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 12 })
  .map((managers) =>
    managers.map((m, i): MatchCandidate => ({
      id: `p${i}`,
      role: i % 2 === 0 ? 'mentor' : 'mentee',
      bandIndex: 0,
      organisation: 'Trust A',
      lineManagerId:
        m === undefined ? undefined : m % 5 === 0 ? `outside-${m % 3}` : `p${m % managers.length}`,
      perspectivesShared: [],
      perspectivesWanted: [],
      meetingMode: 'online',
      availability: [],
    })),
  );

/** Everyone above `id`, following named managers until the chain repeats. */
function chain(people: readonly MatchCandidate[], id: string): string[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const out: string[] = [];
  let next = byId.get(id)?.lineManagerId;
  while (next !== undefined && !out.includes(next) && next !== id) {
    out.push(next);
    next = byId.get(next)?.lineManagerId;
  }
  return out;
}

describe('reporting line as an O(1) test over the line-manager forest', () => {
  it('says "same line" exactly when one is above the other by walking the chain, cycles included', () => {
    fc.assert(
      fc.property(managerGraph, (people) => {
        const pool = compilePool(people);
        const wrong: string[] = [];
        people.forEach((a, i) =>
          people.forEach((b, j) => {
            if (i === j) return;
            const walked = chain(people, a.id).includes(b.id) || chain(people, b.id).includes(a.id);
            if (sameLine(pool, i, j) !== walked) wrong.push(`${a.id}-${b.id}`);
          }),
        );
        expect(wrong).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('puts everyone on a cycle of managers, and everyone below it, in one line', () => {
    const people = managerGraphOf({ a: 'b', b: 'c', c: 'a', d: 'b', e: 'd', f: undefined });
    const pool = compilePool(people);
    const at = (id: string): number => people.findIndex((p) => p.id === id);
    for (const [x, y] of [
      ['a', 'c'],
      ['c', 'b'],
      ['e', 'a'],
      ['d', 'c'],
    ] as const)
      expect(sameLine(pool, at(x), at(y))).toBe(true);
    expect(sameLine(pool, at('f'), at('a'))).toBe(false);
  });
});

function managerGraphOf(managers: Record<string, string | undefined>): MatchCandidate[] {
  return Object.entries(managers).map(([id, lineManagerId]) => ({
    id,
    role: 'mentor',
    bandIndex: 0,
    organisation: 'Trust A',
    lineManagerId,
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
  }));
}

describe('never-pair and earlier-cohort lists as sorted rows of pairs', () => {
  it('holds exactly the pairs added, in either order, however many (a plain Set as reference)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 300 }),
        (size, drawn) => {
          const first = drawn.map(([x]) => x % size);
          const second = drawn.map(([, y]) => y % size);
          const set = IndexPairSet.of(size, first, second);
          const plain = new Set(
            first.map((a, k) => `${Math.min(a, second[k]!)}-${Math.max(a, second[k]!)}`),
          );
          const wrong: string[] = [];
          for (let a = 0; a < size; a++)
            for (let b = 0; b < size; b++)
              if (set.has(a, b) !== plain.has(`${Math.min(a, b)}-${Math.max(a, b)}`))
                wrong.push(`${a}-${b}`);
          expect(wrong).toEqual([]);
          const walked: string[] = [];
          set.forEach((a, b) => walked.push(`${a}-${b}`));
          expect(walked.sort()).toEqual([...plain].sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
