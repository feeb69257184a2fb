import * as z from 'zod';

/**
 * The one text rule: what any text a person writes may contain, and how much of it we say back.
 * Every text field of every contract (names, titles, goals, messages, roster names, the cards'
 * inputs) is checked with `cleanText`, so a control character, a hidden direction override or a
 * broken UTF-16 pair is refused with a problem naming its field, before anything is stored.
 * Pure (zod only): the tab bundles it and checks its forms with the same rule.
 */

/** C0 controls (but tab, line feed and carriage return), DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Tab and line breaks: refused in one-line text (a name, a title), kept in multi-line text. */
const LINE_CONTROL = /[\t\n\r]/;
/** Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextRule {
  /** Line breaks and tabs are allowed (a message, a reflection); not in a name or a title. */
  multiLine?: boolean;
}

function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `value` breaks the text rule, in words a person can act on (which character and where),
 * or undefined when it is clean.
 */
export function textProblem(value: string, rule: TextRule = {}): string | undefined {
  const checks: [RegExp, string][] = [
    [CONTROL, 'an invisible control character'],
    [BIDI, 'a hidden text-direction mark'],
    [LONE_SURROGATE, 'a broken character'],
  ];
  if (!rule.multiLine) checks.unshift([LINE_CONTROL, 'a line break or tab']);
  let first: { index: number; what: string; char: string } | undefined;
  for (const [pattern, what] of checks) {
    const found = pattern.exec(value);
    if (found && (!first || found.index < first.index)) {
      first = { index: found.index, what, char: found[0] };
    }
  }
  if (!first) return undefined;
  return `must not contain ${first.what} (${codePoint(first.char)} at character ${first.index + 1}); retype it without`;
}

/**
 * The rule as a zod refinement on a string schema: `cleanText(z.string().trim().max(140))`.
 * The problem names the field (the schema's path) like any other.
 */
export function cleanText<T extends z.ZodType<string, string>>(schema: T, rule: TextRule = {}): T {
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as T;
}

/** How many characters of someone's text we ever say back to them. */
export const ECHO_LIMIT = 60;

/**
 * A short excerpt of text someone sent, safe to say back: at most `max` characters, the
 * characters the text rule refuses shown as a space, and an ellipsis when it was cut.
 */
export function excerpt(value: string, max = ECHO_LIMIT): string {
  const visible = Array.from(value.slice(0, max * 2))
    .map((c) => (textProblem(c, { multiLine: false }) ? ' ' : c))
    .join('');
  const short = Array.from(visible).slice(0, max).join('');
  return short.length < value.length ? `${short}…` : short;
}
