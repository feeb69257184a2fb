import type {
  Figure,
  PublishedBreakdown,
  PublishedTable,
} from '../../../contracts/evaluation-results';
import { specialCategoryBreakdownAllowed, suppressGrid, withTotals } from './suppression';

/** A table of people counts by row and column, before suppression. */
export interface CountTable {
  rows: string[];
  columns: string[];
  /** counts[r][c] for rows[r] and columns[c]. */
  counts: number[][];
}

function checkShape(table: CountTable): void {
  const fits =
    table.counts.length === table.rows.length &&
    table.counts.every((row) => row.length === table.columns.length) &&
    table.counts.every((row) => row.every((n) => Number.isInteger(n) && n >= 0));
  if (!fits) throw new RangeError('a count table needs one whole, non-negative count per cell');
}

/**
 * The table with its totals, every entry covering too few people (or betraying one) hidden;
 * `alsoHide` as for `suppressGrid`.
 */
export function publishTable(
  table: CountTable,
  minGroupSize: number,
  alsoHide?: readonly (readonly boolean[])[],
): PublishedTable {
  checkShape(table);
  const hidden = suppressGrid(table.counts, minGroupSize, alsoHide);
  const extended = withTotals(table.counts);
  const cells = extended.map((row, r) =>
    row.map((count, c): Figure<{ count: number }> =>
      hidden[r]![c] ? { shown: false } : { shown: true, count },
    ),
  );
  return { rows: [...table.rows], columns: [...table.columns], cells };
}

/** A breakdown by special-category data: shown only when every cell passes, else withheld. */
export function publishBreakdown(table: CountTable, minGroupSize: number): PublishedBreakdown {
  checkShape(table);
  if (!specialCategoryBreakdownAllowed(table.counts, minGroupSize)) return { withheld: true };
  return { withheld: false, ...publishTable(table, minGroupSize) };
}
