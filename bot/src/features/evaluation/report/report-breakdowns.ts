import {
  BREAKDOWN_COLUMN_WORDS,
  breakdownRowWords,
  breakdownTitle,
  withheldWords,
} from '../../../contracts/evaluation-breakdown-words';
import type { BreakdownColumn, EqualityBreakdowns } from '../../../contracts/evaluation-results';
import { type ReportTable, worded } from './report-tables';

/**
 * The equality breakdowns for the sponsor's report (CSV and PDF): each category a worded table,
 * or, when withheld, its title and the words saying why, never a number. Pure, no I/O.
 */

export type ReportBreakdown =
  ({ withheld: null } & ReportTable) | { title: string; withheld: string };

const columnWords = (column: string) => BREAKDOWN_COLUMN_WORDS[column as BreakdownColumn] ?? column;

export function breakdownTables(breakdowns: EqualityBreakdowns): ReportBreakdown[] {
  return breakdowns.categories.map(({ category, table }) => {
    const title = breakdownTitle(category);
    if (table.withheld) return { title, withheld: withheldWords(breakdowns.minGroupSize) };
    return { withheld: null, ...worded(title, table, breakdownRowWords, columnWords) };
  });
}
