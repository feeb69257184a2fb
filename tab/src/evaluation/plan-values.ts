import {
  EVALUATION_LIMITS,
  type EvaluationPlan,
  type ItemAudience,
  SURVEY_KINDS,
  type SurveyItem,
  type SurveyKind,
  evaluationPlanSchema,
} from '../../../bot/src/contracts/evaluation';
import { type FieldProblem, problemsOf } from '../../../bot/src/contracts/field-problem';

/**
 * The plan editor's values and checks, pure. Numbers are kept as typed (strings) so a bad one
 * stays on show beside its field; a problem's key is the contract's path
 * (`surveys.baseline.items.3.text`), as the service names it too.
 */

export interface ItemDraft {
  /** Stable while the form is open, for React (an item's id can repeat until it is checked). */
  key: string;
  id: string;
  kind: 'scale' | 'text';
  audience: ItemAudience;
  text: string;
  /** Scale items only. */
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
  domain?: string;
  /** Text items only. */
  asksQuoteConsent: boolean;
}

export interface SurveyDraft {
  openDays: string;
  items: ItemDraft[];
}

export interface PlanValues {
  minGroupSize: string;
  surveys: Record<SurveyKind, SurveyDraft>;
}

export type PlanErrors = Record<string, string>;

let nextKey = 0;
const newKey = () => `k${(nextKey += 1)}`;

function draftOf(item: SurveyItem): ItemDraft {
  const common = { key: newKey(), id: item.id, audience: item.audience, text: item.text };
  if (item.kind === 'scale') {
    return {
      ...common,
      kind: 'scale',
      min: String(item.scale.min),
      max: String(item.scale.max),
      minLabel: item.scale.minLabel,
      maxLabel: item.scale.maxLabel,
      ...(item.domain ? { domain: item.domain } : {}),
      asksQuoteConsent: false,
    };
  }
  return {
    ...common,
    kind: 'text',
    min: '',
    max: '',
    minLabel: '',
    maxLabel: '',
    asksQuoteConsent: item.asksQuoteConsent,
  };
}

export function valuesOf(plan: EvaluationPlan): PlanValues {
  const surveys = {} as Record<SurveyKind, SurveyDraft>;
  for (const kind of SURVEY_KINDS) {
    const s = plan.surveys[kind];
    surveys[kind] = { openDays: String(s.openDays), items: s.items.map(draftOf) };
  }
  return { minGroupSize: String(plan.minGroupSize), surveys };
}

/** A new item at the end of a survey, with an id not yet used there. */
export function newItem(kind: 'scale' | 'text', existing: readonly ItemDraft[]): ItemDraft {
  const used = new Set(existing.map((i) => i.id));
  let n = existing.length + 1;
  while (used.has(`added-${n}`)) n += 1;
  return {
    key: newKey(),
    id: `added-${n}`,
    kind,
    audience: 'both',
    text: '',
    min: '1',
    max: '5',
    minLabel: kind === 'scale' ? 'Strongly disagree' : '',
    maxLabel: kind === 'scale' ? 'Strongly agree' : '',
    asksQuoteConsent: kind === 'text',
  };
}

/** A number as typed: a number when it reads as one, else the words (the contract refuses them). */
const numberOf = (typed: string): unknown => {
  const trimmed = typed.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
};

function itemOf(d: ItemDraft): unknown {
  const common = { id: d.id.trim(), kind: d.kind, audience: d.audience, text: d.text };
  if (d.kind === 'text') return { ...common, asksQuoteConsent: d.asksQuoteConsent };
  return {
    ...common,
    scale: {
      min: numberOf(d.min),
      max: numberOf(d.max),
      minLabel: d.minLabel,
      maxLabel: d.maxLabel,
    },
    ...(d.domain ? { domain: d.domain } : {}),
  };
}

/** The plan as the service takes it (unchecked). */
export function planOf(values: PlanValues, version: number): unknown {
  const surveys: Record<string, unknown> = {};
  for (const kind of SURVEY_KINDS) {
    const s = values.surveys[kind];
    surveys[kind] = { openDays: numberOf(s.openDays), items: s.items.map(itemOf) };
  }
  return { version, surveys, minGroupSize: numberOf(values.minGroupSize) };
}

const sentence = (message: string) =>
  /^(is|must|needs)\b/.test(message.trim()) ? `This ${message.trim()}.` : message;

/** Problems by field key (the first for each). */
export function errorsFrom(problems: readonly FieldProblem[]): PlanErrors {
  const errors: PlanErrors = {};
  for (const p of problems) errors[p.field] ??= sentence(p.message);
  return errors;
}

/** Checks the plan against the contract, as the service will: the plan, or the problems. */
export function checkPlan(
  values: PlanValues,
  version: number,
): { plan?: EvaluationPlan; errors: PlanErrors } {
  const parsed = evaluationPlanSchema.safeParse(planOf(values, version));
  if (parsed.success) return { plan: parsed.data, errors: {} };
  return { errors: errorsFrom(problemsOf(parsed.error)) };
}

/** The field keys of one item, for its fields' problems. */
export const itemField = (kind: SurveyKind, index: number, name: string) =>
  `surveys.${kind}.items.${index}.${name}`;

export const PLAN_SURVEY_TITLES: Record<SurveyKind, string> = {
  baseline: 'Starting survey (baseline)',
  pulse: 'Mid-point check-in (pulse)',
  final: 'Closing survey (final)',
};

export const AUDIENCE_WORDS: Record<ItemAudience, string> = {
  mentor: 'Reverse mentors',
  mentee: 'Mentees',
  both: 'Both',
};

export const PLAN_LIMITS = EVALUATION_LIMITS;
