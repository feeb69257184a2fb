/**
 * Building blocks shared by the journey cards (introduction, contract, meeting cycle, pause and
 * end): Universal Actions with an Action.Submit fallback, and form fields that re-render with
 * what the person typed and the error message right below the field.
 */
import { safeCardLinks } from './card-links';
import { type CardJson, expandCard } from './render';

/** Messages per input id, shown below each input when a submission was invalid. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;
/** What the person typed or chose, per input id, kept when the card is re-rendered. */
export type FieldValues<K extends string> = Partial<Record<K, string>>;

/** The optional part of every card with inputs: set both when re-rendering after validation. */
export interface FormState<K extends string> {
  errors?: FieldErrors<K>;
  values?: FieldValues<K>;
}

/** What the template binds for each input: `form.<id>.value` and `form.<id>.error`. */
export type FormModel<K extends string> = Record<K, { value: string | number; error: string }>;

/**
 * The form model for a card: each input's value is what the person typed (from `values`), or
 * else the card's default; numeric inputs get a number (or nothing when the text is not one).
 */
export function formModel<K extends string>(
  defaults: Record<K, string>,
  state: FormState<K>,
  numericIds: readonly NoInfer<K>[] = [],
): FormModel<K> {
  const model = {} as FormModel<K>;
  for (const id of Object.keys(defaults) as K[]) {
    const raw = state.values?.[id] ?? defaults[id];
    let value: string | number = raw;
    if (numericIds.includes(id)) {
      const n = raw.trim() === '' ? NaN : Number(raw);
      value = Number.isFinite(n) ? n : '';
    }
    model[id] = { value, error: state.errors?.[id] ?? '' };
  }
  return model;
}

type InputSpec = { type: `Input.${string}`; id: string; label: string } & Record<string, unknown>;

/**
 * An input bound to `form.<id>` and, right below it, its error message (shown only when there is
 * one). The message starts with a warning sign so its meaning is not carried by colour alone.
 */
export function field(input: InputSpec): object[] {
  const { id } = input;
  return [
    { ...input, value: `\${form.${id}.value}` },
    {
      type: 'TextBlock',
      id: `${id}-error`,
      $when: `\${form.${id}.error != ''}`,
      text: `⚠ \${form.${id}.error}`,
      color: 'Attention',
      wrap: true,
      spacing: 'None',
    },
  ];
}

export interface ExecuteOptions {
  style?: 'positive' | 'destructive';
  /** 'none' for actions that must not validate or send the card's inputs (e.g. Cancel). */
  associatedInputs?: 'auto' | 'none';
  /** Read by screen readers instead of the title (e.g. "Mark 'Share the rota' as done"). */
  tooltip?: string;
}

/**
 * A Universal Action button. `data` carries the ids the bot needs (pairId, meetingId, actionId,
 * cardVersion); values may be template expressions. An id that expands to '' is left out, and
 * `expandJourneyCard` adds the Action.Submit fallback for clients without Universal Actions.
 */
export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  options: ExecuteOptions = {},
): object {
  return { type: 'Action.Execute', title, verb, data, ...options };
}

export function openUrl(title: string, url: string): object {
  return { type: 'Action.OpenUrl', title, url };
}

/** Expands a journey card template and finishes it (see `finishCard`). */
export function expandJourneyCard(template: object, data: object): CardJson {
  // A copy, so finishing never touches objects the expansion may share with the template.
  const card = structuredClone(expandCard(template, data));
  finishCard(card);
  return card;
}

/**
 * Finishes an expanded card in place: inputs with an empty value lose it (an Input.Number or
 * Input.Date must not carry ''), Action.Execute data drops ids that expanded to '', and every
 * Action.Execute gets an Action.Submit fallback with the same title and `{ verb, ...data }`, so
 * a client without Universal Actions sends a message whose `value.verb` names the action. Links
 * are made safe first (card-links.ts): only https, mailto and msteams links, https buttons.
 */
export function finishCard(node: unknown): void {
  safeCardLinks(node);
  finishNode(node);
}

function finishNode(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) finishNode(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.value === '') delete o.value;
  if (o.type === 'Action.Execute') {
    const data = Object.fromEntries(
      Object.entries((o.data ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''),
    );
    o.data = data;
    o.fallback = {
      type: 'Action.Submit',
      title: o.title,
      data: { verb: o.verb, ...data },
      ...(o.style ? { style: o.style } : {}),
      ...(o.associatedInputs ? { associatedInputs: o.associatedInputs } : {}),
      ...(o.tooltip ? { tooltip: o.tooltip } : {}),
    };
    return;
  }
  for (const value of Object.values(o)) finishNode(value);
}

export function text(value: string, extra: Record<string, unknown> = {}): object {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

export function subheading(value: string, extra: Record<string, unknown> = {}): object {
  return {
    type: 'TextBlock',
    text: value,
    weight: 'Bolder',
    wrap: true,
    spacing: 'Medium',
    ...extra,
  };
}

export function subtle(value: string, extra: Record<string, unknown> = {}): object {
  return { type: 'TextBlock', text: value, isSubtle: true, wrap: true, ...extra };
}

const HONORIFICS = new Set([
  'dr',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'sir',
  'dame',
]);

/** "Dr Amara Okafor" → "Amara"; a single name is returned as it is. */
export function firstName(displayName: string): string {
  const words = displayName.trim().split(/\s+/);
  const first = words.find((w) => !HONORIFICS.has(w.replace(/\.$/, '').toLowerCase()));
  return first ?? displayName.trim();
}

/** 60 → "an hour", 90 → "1 hour 30 minutes", 45 → "45 minutes". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? '' : h === 1 ? (m === 0 ? 'an hour' : '1 hour') : `${h} hours`;
  const mins = m === 0 ? '' : `${m} minute${m === 1 ? '' : 's'}`;
  return [hours, mins].filter(Boolean).join(' ') || '0 minutes';
}

/** How a pair meets, as choices for an Input.ChoiceSet. */
export const MEETING_MODE_CHOICES = [
  { title: 'Online (Teams)', value: 'online' },
  { title: 'In person', value: 'in_person' },
];
