import type { ConfidenceDomain, SurveyKind } from '../../../contracts/evaluation';
import type {
  Figure,
  PValueMethodName,
  PairedChangeFigures,
  ResultGroup,
} from '../../../contracts/evaluation-results';

/**
 * The words the sponsor's report (PDF and CSV) puts beside its figures: domains, surveys,
 * groups, how each p-value was found, and how a number is written. Pure, no I/O.
 */

export const DOMAIN_WORDS: Record<ConfidenceDomain | 'total', string> = {
  feedback: 'Giving and hearing feedback',
  speaking_up: 'Speaking up and challenge',
  other_perspectives: 'Understanding other perspectives',
  inclusive_practice: 'Inclusive practice',
  decision_making: 'How decisions are made',
  relationships_across_grades: 'Relationships across grades',
  own_development: 'Own development',
  total: 'All seven domains (total)',
};

export const SURVEY_WORDS: Record<SurveyKind, string> = {
  baseline: 'Baseline',
  pulse: 'Mid-point pulse',
  final: 'Final',
};

export const GROUP_WORDS: Record<ResultGroup, string> = {
  mentor: 'Mentors',
  mentee: 'Mentees',
  all: 'All',
};

export const METHOD_WORDS: Record<PValueMethodName, string> = {
  exact: 'exact',
  exact_conditional: 'exact conditional',
  normal_approximation: 'normal approximation',
  none: 'no change to test',
};

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
    METHOD_WORDS[change.method],
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
