import loadHighs, { type Highs } from 'highs';
import {
  scoreReciprocalPool,
  scoreReversePool,
  solveReciprocalPool,
  solveReversePool,
  type MatchAim,
} from '../../bot/src/features/matching';
import { reciprocalCohort, reverseCohort } from '../../bot/scripts/generated-cohorts';
import { scoreRows } from '../support/matching-cohorts';

/**
 * Both engines held against an independent second method on cohorts of 200 people (reciprocal)
 * and 200 a side (reverse): the same scored pairs written as an integer program (one yes/no
 * variable per allowed pair, each person in at most one chosen pair, maximise the weight) and
 * solved exactly by HiGHS. "Most matched" uses a lexicographic weight: one more pair outweighs
 * any total fit. A few seeded cohorts, as in the bench.
 */

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

interface Edge {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

/** The best count and total fit over all matchings of the edges, by HiGHS. */
function solveByIntegerProgram(
  people: number,
  edges: readonly Edge[],
  aim: MatchAim,
  maxScore: number,
): { count: number; total: number } {
  const big = maxScore * Math.floor(people / 2) + 1;
  const weight = (e: Edge): number => (aim === 'most-matched' ? big + e.score : e.score);
  const touching: string[][] = Array.from({ length: people }, () => []);
  edges.forEach((e, k) => {
    touching[e.a]!.push(`x${k}`);
    touching[e.b]!.push(`x${k}`);
  });
  const lines = [
    'Maximize',
    ` obj: ${edges.map((e, k) => `${weight(e)} x${k}`).join(' + ') || '0 x0'}`,
  ];
  lines.push('Subject To');
  touching.forEach((vars, p) => {
    if (vars.length > 0) lines.push(` p${p}: ${vars.join(' + ')} <= 1`);
  });
  lines.push('Binary', ` ${edges.map((_, k) => `x${k}`).join(' ')}`, 'End');
  const solution = highs.solve(lines.join('\n'), { mip_rel_gap: 0, mip_abs_gap: 0.5 });
  expect(solution.Status).toBe('Optimal');
  let count = 0;
  let total = 0;
  edges.forEach((e, k) => {
    const column = solution.Columns[`x${k}`] as { Primal?: number } | undefined;
    if ((column?.Primal ?? 0) > 0.5) {
      count++;
      total += e.score;
    }
  });
  expect(Math.round(solution.ObjectiveValue)).toBe(
    aim === 'most-matched' ? count * big + total : total,
  );
  return { count, total };
}

const sumOf = (weights: object): number =>
  Math.ceil(Object.values(weights as Record<string, number>).reduce((a, b) => a + b, 0));

const CASES: readonly [number, MatchAim][] = [
  [1, 'most-matched'],
  [2, 'best-fit'],
  [3, 'most-matched'],
];

describe('matching engines against an integer program solved by HiGHS', () => {
  it.each(CASES)(
    'reciprocal pool of 200 (seed %i, %s): the blossom solver is optimal',
    (seed, aim) => {
      const scored = scoreReciprocalPool(reciprocalCohort(200, seed, aim));
      const f = scored.free.length;
      const edges: Edge[] = [];
      for (let i = 0; i < f; i++)
        for (let j = i + 1; j < f; j++) {
          const score = scored.score[i * f + j]!;
          if (score >= 0) edges.push({ a: i, b: j, score });
        }
      expect(edges.length).toBeGreaterThan(f * 10);
      const best = solveByIntegerProgram(f, edges, aim, sumOf(scored.weights));
      const pairs = solveReciprocalPool(scored).pairs;
      const total = pairs.reduce((s, p) => s + p.score, 0);
      if (aim === 'most-matched') expect(pairs.length).toBe(best.count);
      expect(total).toBe(best.total);
    },
  );

  it.each(CASES)(
    'reverse pool of 200 a side (seed %i, %s): the assignment solver is optimal',
    (seed, aim) => {
      const scored = scoreReversePool(reverseCohort(200, seed, aim));
      const rows = scored.mentors.length;
      const edges: Edge[] = [];
      scoreRows(scored.matrix).forEach((row, r) =>
        row.forEach((score, c) => {
          if (score >= 0) edges.push({ a: r, b: rows + c, score });
        }),
      );
      expect(edges.length).toBeGreaterThan(rows * 10);
      const best = solveByIntegerProgram(
        rows + scored.mentees.length,
        edges,
        aim,
        sumOf(scored.weights),
      );
      const pairs = solveReversePool(scored).pairs;
      const total = pairs.reduce((s, p) => s + p.score, 0);
      if (aim === 'most-matched') expect(pairs.length).toBe(best.count);
      expect(total).toBe(best.total);
    },
  );
});
