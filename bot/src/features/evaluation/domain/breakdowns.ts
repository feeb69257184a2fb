import {
  PREFER_NOT_TO_SAY,
  SENSITIVE_CATEGORIES,
  SENSITIVE_OPTIONS,
  type SensitiveCategory,
} from '../../../contracts/application-sensitive';
import {
  BREAKDOWN_COLUMNS,
  BREAKDOWN_FLOOR,
  BREAKDOWN_NOT_SHARED,
  type BreakdownColumn,
  type CategoryBreakdown,
  type EqualityBreakdowns,
} from '../../../contracts/evaluation-results';
import type { PairState } from '../../../contracts/pair-words';
import { publishBreakdown } from './published-table';

/**
 * Equality monitoring: the cohort's pairs by the mentor's special-category answer (rows) and
 * where the pair is (columns), one table per category, each shown whole only when every cell
 * reaches the group size (zeros included: "nobody in this group ended early" tells something
 * too), else withheld whole (`publishBreakdown`). Pure: counts in, published tables out.
 *
 * - Rows: each answer given with consent, in the form's order; "prefer not to say", no answer
 *   and an answer without consent share one row (`BREAKDOWN_NOT_SHARED`), present only when
 *   someone is in it. A category nobody answered with consent is left out.
 * - Columns: `completed`, `ended_early`, `ongoing`; a column no pair of the cohort is in (e.g.
 *   `ongoing` once the programme is over) is left out, as it says nothing about any group.
 * - The group size is the plan's, never below `BREAKDOWN_FLOOR` (five).
 */

/** Per category, per answer (or not shared), per column: how many pairs. Counts only. */
export type BreakdownCounts = Partial<
  Record<SensitiveCategory, Record<string, Partial<Record<BreakdownColumn, number>>>>
>;

/** Where a pair is, as a breakdown column; a proposed pair (not yet introduced) is not counted. */
export function breakdownColumn(state: PairState): BreakdownColumn | null {
  switch (state) {
    case 'proposed':
      return null;
    case 'completed':
      return 'completed';
    case 'ended_early':
      return 'ended_early';
    default:
      return 'ongoing';
  }
}

/** The group size a breakdown's cells must reach: the plan's, at least five. */
export function breakdownGroupSize(planMinGroupSize: number): number {
  return Math.max(planMinGroupSize, BREAKDOWN_FLOOR);
}

type Row = Partial<Record<BreakdownColumn, number>>;

/** The category's counts with every answer not shown as itself folded into one row. */
function foldRows(category: SensitiveCategory, byAnswer: Record<string, Row>): Map<string, Row> {
  const options: readonly string[] = SENSITIVE_OPTIONS[category];
  const rows = new Map<string, Row>();
  for (const option of options) {
    if (option !== PREFER_NOT_TO_SAY) rows.set(option, {});
  }
  rows.set(BREAKDOWN_NOT_SHARED, {});
  for (const [answer, counts] of Object.entries(byAnswer)) {
    const key = rows.has(answer) && answer !== BREAKDOWN_NOT_SHARED ? answer : BREAKDOWN_NOT_SHARED;
    const row = rows.get(key)!;
    for (const column of BREAKDOWN_COLUMNS) {
      const n = counts[column] ?? 0;
      if (!Number.isInteger(n) || n < 0) throw new RangeError('a count is a whole number');
      row[column] = (row[column] ?? 0) + n;
    }
  }
  return rows;
}

const total = (row: Row) => BREAKDOWN_COLUMNS.reduce((sum, c) => sum + (row[c] ?? 0), 0);

function categoryBreakdown(
  category: SensitiveCategory,
  byAnswer: Record<string, Row>,
  minGroupSize: number,
): CategoryBreakdown | null {
  const folded = foldRows(category, byAnswer);
  const rows = [...folded.keys()].filter((key) => total(folded.get(key)!) > 0);
  if (!rows.some((key) => key !== BREAKDOWN_NOT_SHARED)) return null;
  const columns = BREAKDOWN_COLUMNS.filter((c) => rows.some((r) => (folded.get(r)![c] ?? 0) > 0));
  const counts = rows.map((r) => columns.map((c) => folded.get(r)![c] ?? 0));
  return { category, table: publishBreakdown({ rows, columns, counts }, minGroupSize) };
}

/** The breakdowns for the counts, under the plan's group size (raised to five). */
export function equalityBreakdowns(
  counts: BreakdownCounts,
  planMinGroupSize: number,
): EqualityBreakdowns {
  const minGroupSize = breakdownGroupSize(planMinGroupSize);
  const categories = SENSITIVE_CATEGORIES.flatMap((category) => {
    const byAnswer = counts[category];
    const breakdown = byAnswer ? categoryBreakdown(category, byAnswer, minGroupSize) : null;
    return breakdown ? [breakdown] : [];
  });
  return { minGroupSize, categories };
}
