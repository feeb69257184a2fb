import { finishCard } from '../../../platform/teams/cards/card-kit';
import { type CardJson, cardTemplate } from '../../../platform/teams/cards/render';

/**
 * The apply cards' small kit. These cards are built as plain JSON (no template is expanded, so
 * nothing anyone typed is ever evaluated) and finished like every other card: safe links, and an
 * Action.Submit fallback on every Action.Execute (`finishCard`).
 */

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

export function applyCard(body: object[], actions: object[]): CardJson {
  const card = cardTemplate(body, actions) as CardJson;
  finishCard(card);
  return card;
}

export const para = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** A warning line: a leading sign, so its meaning is not carried by colour alone. */
export const warning = (text: string, id?: string) => ({
  type: 'TextBlock',
  ...(id ? { id } : {}),
  text: `⚠ ${text}`,
  color: 'Attention',
  wrap: true,
  spacing: 'None',
});

/** An input with what the person typed (or saved) and, right below it, its problem if any. */
export function input(
  spec: { type: string; id: string; label: string } & Record<string, unknown>,
  values: Values,
  errors: Errors,
): object[] {
  const value = values[spec.id] ?? '';
  const error = errors[spec.id];
  return [
    { ...spec, ...(value !== '' ? { value } : {}) },
    ...(error ? [warning(error, `${spec.id}-error`)] : []),
  ];
}

export const choices = (list: readonly { title: string; value: string }[]) =>
  list.map(({ title, value }) => ({ title, value }));

export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  options: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none' } = {},
): object {
  return { type: 'Action.Execute', title, verb, data, ...options };
}
