import type { Figure, PairedChangeFigures } from '../../../contracts/evaluation-results';

/**
 * The words the sponsor's report (PDF and CSV) puts beside its figures: domains, surveys,
 * groups, how each p-value was found, and how a number is written. Pure, no I/O.
 */

import { P_VALUE_METHOD_WORDS } from '../../../contracts/evaluation-words';

// One set of words for every reader of the results (the tab and the reports): the contract's.
export {
  CONFIDENCE_DOMAIN_WORDS as DOMAIN_WORDS,
  SURVEY_WORDS,
  RESULT_GROUP_WORDS as GROUP_WORDS,
  P_VALUE_METHOD_WORDS as METHOD_WORDS,
} from '../../../contracts/evaluation-words';

/** What a suppressed figure says instead of a number. */
export function hiddenWords(minGroupSize: number): string {
  return `hidden: fewer than ${minGroupSize} people`;
}

/** A median or difference: whole or to one decimal place, with a sign for differences. */
export function formatNumber(value: number, signed = false): string {
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return signed && value > 0 ? `+${text}` : text;
}

/** A p-value as a board reads it: three decimals, "< 0.001" below that. */
export function formatP(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** A rate as a whole percentage. */
export function formatRate(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** A shown change's figures as the report's cells, in the order of `CHANGE_COLUMNS`. */
export function changeCells(change: Figure<PairedChangeFigures>): string[] | null {
  if (!change.shown) return null;
  return [
    String(change.n),
    formatNumber(change.medianBefore),
    formatNumber(change.medianAfter),
    formatNumber(change.medianDifference, true),
    formatP(change.pValue),
    P_VALUE_METHOD_WORDS[change.method],
    change.rankBiserial.toFixed(2),
  ];
}

export const CHANGE_COLUMNS = [
  'n',
  'Median before',
  'Median after',
  'Median change',
  'p',
  'Method',
  'Effect size r',
] as const;
