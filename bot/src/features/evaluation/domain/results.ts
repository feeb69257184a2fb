import {
  CONFIDENCE_DOMAINS,
  RESPONDENT_ROLES,
  SURVEY_KINDS,
  type ConfidenceDomain,
  type EvaluationPlan,
  type RespondentRole,
  type ResponseState,
  type ScaleItem,
  type SurveyKind,
} from '../../../contracts/evaluation';
import type {
  DomainResult,
  EvaluationResults,
  Figure,
  ItemResult,
  PairedChangeFigures,
  ResponseRate,
  ResultGroup,
} from '../../../contracts/evaluation-results';
import { pairedChange } from './paired-change';
import { checkMinGroupSize, suppressGrid } from './suppression';
import { itemsFor } from './plan-rules';

/**
 * A cohort's evaluation results from its answers: response rates, and for each scale item and
 * each confidence domain the paired baseline→final change over complete cases. Every figure
 * covering fewer than the plan's `minGroupSize` people is suppressed here, before anything
 * leaves the domain, and whether mentors, mentees and all may be shown is decided once for the
 * whole set (`groupsShown`), so no figure's count can be subtracted from another's.
 */

/** One person's scale answers to one survey. `person` is an opaque key, never shown. */
export interface ScaleAnswers {
  person: string;
  role: RespondentRole;
  survey: SurveyKind;
  state: ResponseState;
  /** itemId → the point chosen; an item left out was skipped. */
  values: Readonly<Record<string, number>>;
}

/** How many people each survey was sent to, by role. */
export type Invited = Readonly<Record<SurveyKind, Readonly<Record<RespondentRole, number>>>>;

const GROUPS: ResultGroup[] = [...RESPONDENT_ROLES, 'all'];

function inGroup(role: RespondentRole, group: ResultGroup): boolean {
  return group === 'all' || group === role;
}

function changeFigure(
  before: number[],
  after: number[],
  minGroupSize: number,
): Figure<PairedChangeFigures> {
  if (before.length < minGroupSize) return { shown: false };
  const change = pairedChange(before, after);
  return {
    shown: true,
    n: change.n,
    medianBefore: change.medianBefore,
    medianAfter: change.medianAfter,
    medianDifference: change.medianDifference,
    statistic: change.statistic,
    pValue: change.pValue,
    method: change.method,
    rankBiserial: change.rankBiserial,
  };
}

/** Response rate per survey and group; shown when both the invited and the answering pass. */
export function responseRates(
  invited: Invited,
  answers: readonly ScaleAnswers[],
  minGroupSize: number,
): ResponseRate[] {
  checkMinGroupSize(minGroupSize);
  const rates: ResponseRate[] = [];
  for (const survey of SURVEY_KINDS) {
    const respondedBy = (group: ResultGroup) =>
      new Set(
        answers
          .filter((a) => a.survey === survey && a.state === 'submitted' && inGroup(a.role, group))
          .map((a) => a.person),
      ).size;
    const shown = groupsShown(respondedBy('mentor'), respondedBy('mentee'), minGroupSize);
    for (const group of GROUPS) {
      const sent =
        group === 'all' ? invited[survey].mentor + invited[survey].mentee : invited[survey][group];
      const responded = respondedBy(group);
      const figure =
        !shown[group] || sent < minGroupSize
          ? ({ shown: false } as const)
          : { shown: true as const, invited: sent, responded, rate: responded / sent };
      rates.push({ survey, group, figure });
    }
  }
  return rates;
}

/**
 * Each person's submitted baseline and final, paired by person, kept only when both answer every
 * scale item of the person's side (complete cases): then every figure of a side covers the same
 * people, and no figure's count can be set against another's to reveal a small group.
 */
function pairedAnswers(
  answers: readonly ScaleAnswers[],
  scaleItemsFor: (role: RespondentRole) => ScaleItem[],
): [ScaleAnswers, ScaleAnswers][] {
  const submitted = (survey: SurveyKind) =>
    new Map(
      answers
        .filter((a) => a.survey === survey && a.state === 'submitted')
        .map((a) => [a.person, a]),
    );
  const baseline = submitted('baseline');
  const pairs: [ScaleAnswers, ScaleAnswers][] = [];
  for (const [person, final] of submitted('final')) {
    const before = baseline.get(person);
    if (!before || before.role !== final.role) continue;
    const items = scaleItemsFor(final.role);
    if (scoreOf(before.values, items) === undefined) continue;
    if (scoreOf(final.values, items) === undefined) continue;
    pairs.push([before, final]);
  }
  return pairs;
}

/** A person's score over `items` (the sum), or undefined if they skipped any of them. */
function scoreOf(values: Readonly<Record<string, number>>, items: ScaleItem[]): number | undefined {
  let sum = 0;
  for (const item of items) {
    const value = values[item.id];
    if (value === undefined) return undefined;
    sum += value;
  }
  return sum;
}

interface Series {
  before: number[];
  after: number[];
}

/**
 * The scores (`itemsOf(role)` summed) of each group's people who answered every one of those
 * items both times.
 */
function scoreSeries(
  pairs: [ScaleAnswers, ScaleAnswers][],
  itemsOf: (role: RespondentRole) => ScaleItem[],
): Record<ResultGroup, Series> {
  const series: Record<ResultGroup, Series> = {
    mentor: { before: [], after: [] },
    mentee: { before: [], after: [] },
    all: { before: [], after: [] },
  };
  for (const [baseline, final] of pairs) {
    const items = itemsOf(baseline.role);
    if (items.length === 0) continue;
    const b = scoreOf(baseline.values, items);
    const a = scoreOf(final.values, items);
    if (b === undefined || a === undefined) continue;
    for (const group of [baseline.role, 'all'] as const) {
      series[group].before.push(b);
      series[group].after.push(a);
    }
  }
  return series;
}

/**
 * Which of mentor, mentee and all may be shown: the people counts as a one-row table (mentors,
 * mentees, and all as its total) through the suppression rules, so a hidden group's count can
 * never be worked out as all − the other group. A side with nobody in it hides nothing, so it
 * does not hide the other side (all is then that side).
 */
export function groupsShown(
  mentors: number,
  mentees: number,
  minGroupSize: number,
): Record<ResultGroup, boolean> {
  if (mentors === 0 || mentees === 0) {
    checkMinGroupSize(minGroupSize);
    const all = mentors + mentees >= minGroupSize;
    return { mentor: mentors >= minGroupSize, mentee: mentees >= minGroupSize, all };
  }
  const hidden = suppressGrid([[mentors, mentees]], minGroupSize)[0]!;
  return { mentor: !hidden[0], mentee: !hidden[1], all: !hidden[2] };
}

/** The figures of `groups`, each shown only if its group may be (decided once per cohort). */
function changes(
  series: Record<ResultGroup, Series>,
  groups: readonly ResultGroup[],
  shown: Record<ResultGroup, boolean>,
  minGroupSize: number,
): [ResultGroup, Figure<PairedChangeFigures>][] {
  return groups.map((group) => [
    group,
    shown[group]
      ? changeFigure(series[group].before, series[group].after, minGroupSize)
      : { shown: false },
  ]);
}

/** Response rates, item changes and domain changes for a plan and the answers given to it. */
export function evaluationResults(
  plan: EvaluationPlan,
  invited: Invited,
  answers: readonly ScaleAnswers[],
): EvaluationResults {
  const k = plan.minGroupSize;
  checkMinGroupSize(k);
  const scaleItemsFor = (role: RespondentRole): ScaleItem[] =>
    itemsFor(plan.surveys.baseline, role).filter((i): i is ScaleItem => i.kind === 'scale');
  const pairs = pairedAnswers(answers, scaleItemsFor);
  const count = (role: RespondentRole) => pairs.filter(([b]) => b.role === role).length;
  const shown = groupsShown(count('mentor'), count('mentee'), k);

  const items: ItemResult[] = [];
  for (const item of plan.surveys.baseline.items) {
    if (item.kind !== 'scale') continue;
    const groups: ResultGroup[] = item.audience === 'both' ? GROUPS : [item.audience];
    const only = (role: RespondentRole) => (scaleItemsFor(role).includes(item) ? [item] : []);
    for (const [group, change] of changes(scoreSeries(pairs, only), groups, shown, k)) {
      items.push({ itemId: item.id, group, change });
    }
  }

  const domains: DomainResult[] = [];
  const inDomain = (domain: ConfidenceDomain) => (role: RespondentRole) =>
    scaleItemsFor(role).filter((i) => i.domain === domain);
  const anyDomain = (role: RespondentRole) =>
    scaleItemsFor(role).filter((i) => i.domain !== undefined);
  for (const domain of CONFIDENCE_DOMAINS) {
    if (!plan.surveys.baseline.items.some((i) => i.kind === 'scale' && i.domain === domain)) {
      continue;
    }
    for (const [group, change] of changes(scoreSeries(pairs, inDomain(domain)), GROUPS, shown, k)) {
      domains.push({ domain, group, change });
    }
  }
  if (domains.length > 0) {
    for (const [group, change] of changes(scoreSeries(pairs, anyDomain), GROUPS, shown, k)) {
      domains.push({ domain: 'total', group, change });
    }
  }

  return {
    planVersion: plan.version,
    minGroupSize: k,
    responseRates: responseRates(invited, answers, k),
    items,
    domains,
    // The service adds the participation measures from the journey's and calendar's facts.
    participation: null,
    breakdowns: null,
  };
}
