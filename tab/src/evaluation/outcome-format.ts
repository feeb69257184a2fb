import type {
  DomainResult,
  EvaluationResults,
  Figure,
  PairedChangeFigures,
  ResponseRate,
} from '../../../bot/src/contracts/evaluation-results';
import {
  CONFIDENCE_DOMAIN_WORDS,
  P_VALUE_METHOD_WORDS,
  RESULT_GROUP_WORDS,
  SURVEY_WORDS,
} from '../../../bot/src/contracts/evaluation-words';

/**
 * Words and numbers for a cohort's outcomes, and the data behind each chart with its one-sentence
 * text alternative. Pure: the outcome tables, the charts and their tests all read these. A hidden
 * figure becomes words only, never a number.
 */

/** What a suppressed figure says in place of its numbers. */
export const hiddenWords = (minGroupSize: number) => `Hidden: fewer than ${minGroupSize} people`;

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export const formatNumber = (n: number) => oneDecimal.format(n);

/** "+1.5", "0", "−2". */
export function formatDifference(n: number): string {
  if (n === 0) return '0';
  return n > 0 ? `+${oneDecimal.format(n)}` : `−${oneDecimal.format(-n)}`;
}

/** "p = 0.039 (exact)", "p < 0.001 (normal approximation)", "No change to test". */
export function formatPValue(change: PairedChangeFigures): string {
  if (change.pValue === null) return 'No change to test';
  const p =
    change.pValue < 0.001
      ? 'p < 0.001'
      : `p = ${change.pValue.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}`;
  return `${p} (${P_VALUE_METHOD_WORDS[change.method]})`;
}

export const formatEffect = (r: number) => twoDecimals.format(r).replace('-', '−');

/** A response rate in per cent, whole: 0.666 → "67%". */
export const formatRate = (rate: number) => `${Math.round(rate * 100)}%`;

export const surveyWords = SURVEY_WORDS;
export const groupWords = RESULT_GROUP_WORDS;
export const domainWords = CONFIDENCE_DOMAIN_WORDS;

/** Shown figures only, typed: the caller never reads a number from a hidden one. */
export function shown<T>(figure: Figure<T>): (T & { shown: true }) | null {
  return figure.shown ? (figure as T & { shown: true }) : null;
}

// ---------------------------------------------------------------- chart data

export interface MedianBar {
  domain: string;
  before: number;
  after: number;
  n: number;
}

/** The before and after medians of each confidence domain shown for everyone (not the total). */
export function medianBars(results: EvaluationResults): {
  bars: MedianBar[];
  hidden: number;
} {
  const everyone = results.domains.filter((d) => d.group === 'all' && d.domain !== 'total');
  const bars: MedianBar[] = [];
  for (const d of everyone) {
    const change = shown(d.change);
    if (change) {
      bars.push({
        domain: domainWords[d.domain],
        before: change.medianBefore,
        after: change.medianAfter,
        n: change.n,
      });
    }
  }
  return { bars, hidden: everyone.length - bars.length };
}

/** One sentence saying what the medians chart shows. */
export function medianBarsSummary(
  { bars, hidden }: { bars: MedianBar[]; hidden: number },
  minGroupSize: number,
): string {
  const hiddenNote =
    hidden > 0
      ? ` ${hidden} domains are hidden because they cover fewer than ${minGroupSize} people.`
      : '';
  if (bars.length === 0) {
    return `No confidence domain can be charted yet: each covers fewer than ${minGroupSize} people or has no paired answers.`;
  }
  const rose = bars.filter((b) => b.after > b.before).length;
  const fell = bars.filter((b) => b.after < b.before).length;
  return (
    `Median confidence before and after for everyone, in ${bars.length} domains: ` +
    `it rose in ${rose}, fell in ${fell} and stayed the same in ${bars.length - rose - fell}.` +
    hiddenNote
  );
}

export interface RateBar {
  survey: string;
  percent: number;
  responded: number;
  invited: number;
}

/** Each survey's response rate for everyone, where shown. */
export function rateBars(results: EvaluationResults): { bars: RateBar[]; hidden: number } {
  const everyone = results.responseRates.filter((r: ResponseRate) => r.group === 'all');
  const bars: RateBar[] = [];
  for (const r of everyone) {
    const figure = shown(r.figure);
    if (figure && figure.invited > 0) {
      bars.push({
        survey: surveyWords[r.survey],
        percent: Math.round(figure.rate * 100),
        responded: figure.responded,
        invited: figure.invited,
      });
    }
  }
  return { bars, hidden: everyone.filter((r) => !r.figure.shown).length };
}

export function rateBarsSummary(
  { bars, hidden }: { bars: RateBar[]; hidden: number },
  minGroupSize: number,
): string {
  const hiddenNote =
    hidden > 0
      ? ` ${hidden} surveys are hidden because they cover fewer than ${minGroupSize} people.`
      : '';
  if (bars.length === 0) {
    return `No response rate can be charted yet: no survey has been sent to at least ${minGroupSize} people.`;
  }
  return (
    'Response rates for everyone: ' +
    bars.map((b) => `${b.survey.toLowerCase()} ${b.percent}%`).join(', ') +
    '.' +
    hiddenNote
  );
}

/** The total's result for a group, if any. */
export function totalOf(results: EvaluationResults, group: DomainResult['group']) {
  return results.domains.find((d) => d.domain === 'total' && d.group === group);
}
