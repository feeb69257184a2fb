import fc from 'fast-check';
import {
  SENSITIVE_CATEGORIES,
  SENSITIVE_OPTIONS,
  PREFER_NOT_TO_SAY,
  type SensitiveAnswers,
} from '../../bot/src/contracts/applications';
import {
  BREAKDOWN_COLUMNS,
  BREAKDOWN_NOT_SHARED,
  evaluationResultsSchema,
  type BreakdownColumn,
} from '../../bot/src/contracts/evaluation-results';
import { countByGroup } from '../../bot/src/features/applications';
import {
  breakdownColumn,
  defaultEvaluationPlan,
  equalityBreakdowns,
  evaluationResults,
  type BreakdownCounts,
} from '../../bot/src/features/evaluation';

const cells = (n: Partial<Record<BreakdownColumn, number>>) => n;

describe('equality breakdowns (pure)', () => {
  it('shows a table whose every cell reaches the group size, with its totals', () => {
    const counts: BreakdownCounts = {
      disability: {
        yes: cells({ completed: 5, ended_early: 6 }),
        no: cells({ completed: 9, ended_early: 5 }),
        [PREFER_NOT_TO_SAY]: cells({ completed: 5, ended_early: 5 }),
      },
    };
    const { minGroupSize, categories } = equalityBreakdowns(counts, 5);
    expect(minGroupSize).toBe(5);
    expect(categories).toHaveLength(1);
    const [{ category, table }] = categories as [(typeof categories)[number]];
    expect(category).toBe('disability');
    if (table.withheld) throw new Error('expected a shown table');
    expect(table.rows).toEqual(['yes', 'no', BREAKDOWN_NOT_SHARED]);
    // No pair is ongoing: that column says nothing about any group and is left out.
    expect(table.columns).toEqual(['completed', 'ended_early']);
    expect(table.cells[0]).toEqual([
      { shown: true, count: 5 },
      { shown: true, count: 6 },
      { shown: true, count: 11 },
    ]);
    expect(table.cells[3]).toEqual([
      { shown: true, count: 19 },
      { shown: true, count: 16 },
      { shown: true, count: 35 },
    ]);
  });

  it('withholds a table with one small cell whole, and a zero counts as small', () => {
    const base = {
      yes: cells({ completed: 5, ended_early: 6 }),
      no: cells({ completed: 9, ended_early: 5 }),
    };
    for (const small of [4, 0]) {
      const counts: BreakdownCounts = {
        disability: { ...base, no: cells({ completed: 9, ended_early: small }) },
      };
      // A zero cell is still a cell while another row keeps the column.
      expect(equalityBreakdowns(counts, 5).categories).toEqual([
        { category: 'disability', table: { withheld: true } },
      ]);
    }
  });

  it('never goes below five, whatever the plan says', () => {
    const counts: BreakdownCounts = {
      disability: { yes: cells({ completed: 4 }), no: cells({ completed: 4 }) },
    };
    const { minGroupSize, categories } = equalityBreakdowns(counts, 3);
    expect(minGroupSize).toBe(5);
    expect(categories[0]?.table).toEqual({ withheld: true });
  });

  it('folds "prefer not to say", no answer and no consent into one row', () => {
    const answered = (value: string, consent: boolean) =>
      // The route stores only consented answers; the count checks consent all the same.
      ({ disability: { value, consent } }) as unknown as SensitiveAnswers;
    const people: { answers: SensitiveAnswers; group: BreakdownColumn }[] = [
      ...Array.from({ length: 5 }, () => ({
        answers: answered('yes', true),
        group: 'ongoing' as const,
      })),
      { answers: answered('no', false), group: 'ongoing' },
      { answers: answered(PREFER_NOT_TO_SAY, true), group: 'ongoing' },
      { answers: {}, group: 'ongoing' },
      { answers: {}, group: 'ongoing' },
      { answers: {}, group: 'ongoing' },
    ];
    const { categories } = equalityBreakdowns(countByGroup(people), 5);
    // Only disability was answered with consent; the other categories are left out.
    expect(categories.map((c) => c.category)).toEqual(['disability']);
    const table = categories[0]!.table;
    if (table.withheld) throw new Error('expected a shown table');
    expect(table.rows).toEqual(['yes', BREAKDOWN_NOT_SHARED]);
    expect(table.cells.map((row) => row[0])).toEqual([
      { shown: true, count: 5 },
      { shown: true, count: 5 },
      { shown: true, count: 10 },
    ]);
  });

  it('counts a pair by where it is; a proposed pair is not counted', () => {
    expect(breakdownColumn('proposed')).toBeNull();
    expect(breakdownColumn('introduced')).toBe('ongoing');
    expect(breakdownColumn('active')).toBe('ongoing');
    expect(breakdownColumn('paused')).toBe('ongoing');
    expect(breakdownColumn('completed')).toBe('completed');
    expect(breakdownColumn('ended_early')).toBe('ended_early');
  });

  const countsArbitrary = fc.record(
    Object.fromEntries(
      SENSITIVE_CATEGORIES.map((category) => [
        category,
        fc.dictionary(
          fc.constantFrom(...SENSITIVE_OPTIONS[category], BREAKDOWN_NOT_SHARED, 'unknown'),
          fc.record(
            Object.fromEntries(
              BREAKDOWN_COLUMNS.map((c) => [c, fc.integer({ min: 0, max: 12 })]),
            ) as Record<BreakdownColumn, fc.Arbitrary<number>>,
            { requiredKeys: [] },
          ),
        ),
      ]),
    ) as { [K in keyof BreakdownCounts]-?: fc.Arbitrary<NonNullable<BreakdownCounts[K]>> },
    { requiredKeys: [] },
  );

  it('property: no shown cell or total is ever below the group size, and nothing is partial', () => {
    fc.assert(
      fc.property(countsArbitrary, fc.integer({ min: 3, max: 9 }), (counts, plan) => {
        const result = equalityBreakdowns(counts, plan);
        expect(result.minGroupSize).toBe(Math.max(plan, 5));
        for (const { table } of result.categories) {
          if (table.withheld) {
            expect(table).toEqual({ withheld: true });
            continue;
          }
          for (const row of table.cells) {
            for (const cell of row) {
              expect(cell.shown).toBe(true);
              if (cell.shown) expect(cell.count).toBeGreaterThanOrEqual(result.minGroupSize);
            }
          }
        }
      }),
    );
  });

  it('property: a table with one cell below the group size is withheld whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
        fc.nat(),
        (rows, columns, small, at) => {
          const options = SENSITIVE_OPTIONS.religion.slice(0, rows);
          const used = BREAKDOWN_COLUMNS.slice(0, columns);
          const target = at % (rows * columns);
          const byAnswer = Object.fromEntries(
            options.map((option, r) => [
              option,
              Object.fromEntries(
                used.map((c, i) => [c, r * columns + i === target ? small : 5 + r + i]),
              ),
            ]),
          );
          const { categories } = equalityBreakdowns({ religion: byAnswer }, 5);
          // A zero alone in its row (or its column) empties it: the row or column is left out.
          const kept = small > 0 || (rows > 1 && columns > 1);
          if (kept)
            expect(categories).toEqual([{ category: 'religion', table: { withheld: true } }]);
        },
      ),
    );
  });

  it('parses on the wire with the breakdowns, and without them', () => {
    const results = evaluationResults(
      defaultEvaluationPlan(),
      {
        baseline: { mentor: 0, mentee: 0 },
        pulse: { mentor: 0, mentee: 0 },
        final: { mentor: 0, mentee: 0 },
      },
      [],
    );
    expect(evaluationResultsSchema.safeParse(results).success).toBe(true);
    const counts: BreakdownCounts = { disability: { yes: cells({ completed: 2 }) } };
    const withBreakdowns = { ...results, breakdowns: equalityBreakdowns(counts, 5) };
    expect(evaluationResultsSchema.safeParse(withBreakdowns).success).toBe(true);
    const leaky = {
      ...withBreakdowns,
      breakdowns: {
        minGroupSize: 5,
        categories: [{ category: 'disability', table: { withheld: true, rows: ['yes'] } }],
      },
    };
    expect(evaluationResultsSchema.safeParse(leaky).success).toBe(false);
  });
});
