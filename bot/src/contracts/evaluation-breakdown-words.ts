import {
  SENSITIVE_CATEGORY_WORDS,
  SENSITIVE_OPTION_WORDS,
  type SensitiveCategory,
} from './application-sensitive';
import { BREAKDOWN_NOT_SHARED, type BreakdownColumn } from './evaluation-results';

/**
 * Words for the equality breakdowns (the tab's outcomes, the CSV and the PDF), apart from
 * `evaluation-words.ts` so that module stays free of the validation library.
 */

export const BREAKDOWN_COLUMN_WORDS: Record<BreakdownColumn, string> = {
  completed: 'Completed',
  ended_early: 'Ended early',
  ongoing: 'Still under way',
};

/** A breakdown's row: the mentor's answer, or the one row of those who did not share one. */
export function breakdownRowWords(row: string): string {
  if (row === BREAKDOWN_NOT_SHARED) return 'Prefer not to say, or not shared';
  return SENSITIVE_OPTION_WORDS[row] ?? row;
}

/** A breakdown's title: the category, then what is counted. */
export function breakdownTitle(category: SensitiveCategory): string {
  return `${SENSITIVE_CATEGORY_WORDS[category]}: pairs by the mentor's answer`;
}

/** What a withheld breakdown says in its place. */
export function withheldWords(minGroupSize: number): string {
  return `Withheld: a group here has fewer than ${minGroupSize} people`;
}
