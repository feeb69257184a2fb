import fc from 'fast-check';
import {
  evaluationResults,
  defaultEvaluationPlan,
  groupsShown,
  publishBreakdown,
  publishTable,
  suppressGrid,
  withTotals,
  type Invited,
  type ScaleAnswers,
} from '../../bot/src/features/evaluation';
import { minGroupSizeSchema } from '../../bot/src/contracts/evaluation';
import { gridLines, recoverableHidden } from '../support/suppression-audit';

/** Random count tables: 1–5 rows by 1–5 columns of 0–20 people, and a threshold of 3–7. */
const tableArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([rows, columns]) =>
    fc.tuple(
      fc.array(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: columns, maxLength: columns }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
      fc.integer({ min: 3, max: 7 }),
    ),
  );

describe('small-number suppression: properties on random tables', () => {
  it('shows no entry covering fewer than the threshold, totals included', () => {
    fc.assert(
      fc.property(tableArbitrary, ([counts, k]) => {
        const hidden = suppressGrid(counts, k);
        withTotals(counts).forEach((row, r) =>
          row.forEach((count, c) => {
            if (count < k) expect(hidden[r]![c]).toBe(true);
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no row or column with exactly one hidden entry (no recovery by subtraction)', () => {
    fc.assert(
      fc.property(tableArbitrary, ([counts, k]) => {
        const hidden = suppressGrid(counts, k);
        for (const line of gridLines(hidden.length, hidden[0]!.length)) {
          const count = line.filter(([r, c]) => hidden[r]![c]).length;
          expect(count === 0 || count >= 2).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no hidden entry that any combination of row and column totals pins down', () => {
    fc.assert(
      fc.property(tableArbitrary, ([counts, k]) => {
        expect(recoverableHidden(suppressGrid(counts, k))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a table covering four people shows no figure at all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (spread, columns) => {
          // Four people spread over a 4 × `columns` table.
          const counts = Array.from({ length: 4 }, (_, r) =>
            Array.from({ length: columns }, (__, c) => (c === spread[r]! % columns ? 1 : 0)),
          );
          const table = publishTable(
            { rows: ['a', 'b', 'c', 'd'], columns: [...'wxyz'].slice(0, columns), counts },
            5,
          );
          expect(table.cells.flat().every((cell) => !cell.shown)).toBe(true);
        },
      ),
    );
  });
});

describe('small-number suppression: worked examples', () => {
  it('hides a small cell, its partner in the row and column, and the crossing cell', () => {
    const table = publishTable(
      {
        rows: ['baseline', 'final'],
        columns: ['mentors', 'mentees', 'either'],
        counts: [
          [12, 3, 9],
          [10, 8, 7],
        ],
      },
      5,
    );
    const shown = table.cells.map((row) => row.map((cell) => (cell.shown ? cell.count : '*')));
    expect(shown).toEqual([
      [12, '*', '*', 24],
      [10, '*', '*', 25],
      [22, 11, 16, 49],
    ]);
  });

  it('refuses a threshold below three, as the contract does', () => {
    expect(() => suppressGrid([[5]], 2)).toThrow(RangeError);
    expect(() => suppressGrid([[5]], 3.5)).toThrow(RangeError);
    expect(minGroupSizeSchema.safeParse(2).success).toBe(false);
    expect(minGroupSizeSchema.safeParse(3).success).toBe(true);
    expect(minGroupSizeSchema.safeParse(51).success).toBe(false);
  });

  it('withholds a special-category breakdown whole unless every cell passes', () => {
    const rows = ['group 1', 'group 2'];
    const columns = ['rose', 'same or fell'];
    expect(
      publishBreakdown(
        {
          rows,
          columns,
          counts: [
            [9, 6],
            [5, 4],
          ],
        },
        5,
      ),
    ).toEqual({
      withheld: true,
    });
    const shown = publishBreakdown(
      {
        rows,
        columns,
        counts: [
          [9, 6],
          [5, 7],
        ],
      },
      5,
    );
    expect(shown.withheld).toBe(false);
    if (!shown.withheld) expect(shown.cells.flat().every((cell) => cell.shown)).toBe(true);
  });

  it('hides the other side too when one side is small, so all − mentors cannot give mentees', () => {
    expect(groupsShown(8, 4, 5)).toEqual({ mentor: false, mentee: false, all: true });
    expect(groupsShown(8, 6, 5)).toEqual({ mentor: true, mentee: true, all: true });
    expect(groupsShown(2, 2, 5)).toEqual({ mentor: false, mentee: false, all: false });
  });
});

describe('evaluation results: a cohort of four respondents shows no figure', () => {
  it('suppresses every response rate, item and domain figure', () => {
    const plan = defaultEvaluationPlan();
    const answers: ScaleAnswers[] = [];
    const people: [string, 'mentor' | 'mentee'][] = [
      ['p1', 'mentor'],
      ['p2', 'mentor'],
      ['p3', 'mentee'],
      ['p4', 'mentee'],
    ];
    for (const [person, role] of people) {
      for (const survey of ['baseline', 'final'] as const) {
        const values: Record<string, number> = {};
        for (const item of plan.surveys[survey].items) {
          if (item.kind === 'scale' && (item.audience === role || item.audience === 'both')) {
            values[item.id] = survey === 'baseline' ? 2 : 4;
          }
        }
        answers.push({ person, role, survey, state: 'submitted', values });
      }
    }
    const invited: Invited = {
      baseline: { mentor: 2, mentee: 2 },
      pulse: { mentor: 2, mentee: 2 },
      final: { mentor: 2, mentee: 2 },
    };
    const results = evaluationResults(plan, invited, answers);
    expect(results.items.length).toBeGreaterThan(0);
    expect(results.domains.length).toBeGreaterThan(0);
    expect(results.responseRates.every((r) => !r.figure.shown)).toBe(true);
    expect(results.items.every((r) => !r.change.shown)).toBe(true);
    expect(results.domains.every((r) => !r.change.shown)).toBe(true);
    expect(JSON.stringify(results)).not.toMatch(/"n":|"median|"pValue"/);
  });
});
