import type { Answer, SurveyItem, SurveyKind } from '../../../bot/src/contracts/evaluation';
import {
  type SaveSurveyAnswers,
  saveSurveyAnswersSchema,
} from '../../../bot/src/contracts/evaluation-api';
import { type FieldProblem, problemsOf } from '../../../bot/src/contracts/field-problem';

/** A survey form's values and their checks, pure: what is typed, by item id. */

export const SURVEY_TITLES: Record<SurveyKind, string> = {
  baseline: 'Starting survey',
  pulse: 'Mid-point check-in',
  final: 'Closing survey',
};

/** One item's answer as typed: a scale's point ('' while none is chosen), or words and a tick. */
export interface ItemValue {
  point: string;
  text: string;
  mayQuote: boolean;
}

export type SurveyValues = Record<string, ItemValue>;

const EMPTY: ItemValue = { point: '', text: '', mayQuote: false };

export function valueOf(values: SurveyValues, itemId: string): ItemValue {
  return values[itemId] ?? EMPTY;
}

/** The form's values from saved answers (none for an item not yet answered). */
export function valuesFrom(answers: readonly Answer[]): SurveyValues {
  const values: SurveyValues = {};
  for (const a of answers) {
    values[a.itemId] =
      a.kind === 'scale'
        ? { ...EMPTY, point: String(a.value) }
        : { ...EMPTY, text: a.text, mayQuote: a.mayQuote };
  }
  return values;
}

/** The answers to send, in the items' order: only the items answered (a blank text is none). */
export function answersFrom(items: readonly SurveyItem[], values: SurveyValues): unknown[] {
  const answers: unknown[] = [];
  for (const item of items) {
    const v = valueOf(values, item.id);
    if (item.kind === 'scale') {
      if (v.point !== '') answers.push({ itemId: item.id, kind: 'scale', value: Number(v.point) });
    } else if (v.text.trim() !== '') {
      answers.push({
        itemId: item.id,
        kind: 'text',
        text: v.text,
        mayQuote: item.asksQuoteConsent && v.mayQuote,
      });
    }
  }
  return answers;
}

/** Each item's problem by item id; problems of no one item (`answers`, `planVersion`) apart. */
export interface PlacedProblems {
  byItem: Record<string, string>;
  unplaced: string[];
}

const sentence = (message: string) =>
  /^(is|must)\b/.test(message.trim()) ? `This ${message.trim()}.` : message;

/** Places problems named `answers.<i>.<field>` beside the item that answer `i` was for. */
export function placeProblems(sent: readonly unknown[], problems: FieldProblem[]): PlacedProblems {
  const placed: PlacedProblems = { byItem: {}, unplaced: [] };
  for (const p of problems) {
    const match = /^answers\.(\d+)\./.exec(p.field);
    const answer = match ? (sent[Number(match[1])] as { itemId?: string } | undefined) : undefined;
    if (answer?.itemId) placed.byItem[answer.itemId] ??= sentence(p.message);
    else placed.unplaced.push(sentence(p.message));
  }
  return placed;
}

/** Checks what is to be sent against the contract, as the service will; the body when it passes. */
export function checkAnswers(body: Omit<SaveSurveyAnswers, 'answers'> & { answers: unknown[] }): {
  body?: SaveSurveyAnswers;
  problems: PlacedProblems;
} {
  const parsed = saveSurveyAnswersSchema.safeParse(body);
  if (parsed.success) return { body: parsed.data, problems: { byItem: {}, unplaced: [] } };
  return { problems: placeProblems(body.answers, problemsOf(parsed.error)) };
}

/** The point's words: the number, and the scale's word at either end. */
export function pointLabel(item: SurveyItem, point: number): string {
  if (item.kind !== 'scale') return String(point);
  if (point === item.scale.min) return `${point} – ${item.scale.minLabel}`;
  if (point === item.scale.max) return `${point} – ${item.scale.maxLabel}`;
  return String(point);
}
