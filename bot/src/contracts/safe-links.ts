/**
 * Links in text people write (announcements, event descriptions, anything a card shows as
 * Markdown): only `https:`, `mailto:` and `msteams:` links survive; any other link is shown as its
 * words, without a link. Pure (no DOM, no imports), so the bot's cards and the tab's preview apply
 * the same rules. Buttons that open an address (`Action.OpenUrl`, an event's join link) take
 * `https:` only.
 *
 * The check is on the destination as a lax renderer could read it: backslash escapes and HTML
 * entities decoded (repeatedly), whitespace, control and invisible characters removed, scheme
 * case folded. A link that passes is written back in that canonical form, so what is shown is
 * exactly what was checked.
 */

export const LINK_SCHEMES = ['https', 'mailto', 'msteams'] as const;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  colon: ':',
  tab: '\t',
  newline: '\n',
  nbsp: ' ',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  period: '.',
  excl: '!',
  num: '#',
  percnt: '%',
  equals: '=',
  quest: '?',
  commat: '@',
};

/** Characters a browser drops from an address, or that hide in it: spaces, controls, invisibles. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

function decodeOnce(value: string): string {
  return value
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_m, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]{1,7});?/g, (_m, dec: string) => codePoint(parseInt(dec, 10)))
    .replace(/&([a-z]+);/gi, (m, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? m);
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

/** The address as the most permissive reader would take it. */
function canonical(raw: string): string {
  let value = raw;
  for (let i = 0; i < 8; i += 1) {
    const next = decodeOnce(value);
    if (next === value) break;
    value = next;
  }
  return value.replace(INVISIBLE, '');
}

/** Characters a canonical address keeps out of Markdown's way. */
const MARKDOWN_UNSAFE = /[()<>[\]\\"'`*_]/g;

/**
 * The address a Markdown link may point to, in canonical form, or undefined when it is not an
 * `https:`, `mailto:` or `msteams:` address (relative and scheme-less addresses included).
 */
export function safeLinkTarget(raw: string): string | undefined {
  const value = canonical(raw);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !(LINK_SCHEMES as readonly string[]).includes(scheme)) return undefined;
  if (value.length <= scheme.length + 1) return undefined;
  const rest = value.slice(scheme.length + 1);
  return `${scheme}:${rest}`.replace(
    MARKDOWN_UNSAFE,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Whether a button may open this address: an absolute `https:` address, nothing else. */
export function isHttpsUrl(raw: string): boolean {
  const value = raw.trim();
  if (value === '' || value !== value.replace(INVISIBLE, '')) return false;
  if (!/^https:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- Markdown

/** The index of the bracket that closes the one at `open`, or -1 (escapes and nesting kept). */
function closing(text: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      i += 1;
    } else if (c === left) {
      depth += 1;
    } else if (c === right) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The destination inside `( … )`: `<…>` or up to the first space (a title after it is dropped). */
function destinationOf(inside: string): string {
  const trimmed = inside.trim();
  if (trimmed.startsWith('<')) {
    const end = trimmed.indexOf('>');
    return end === -1 ? trimmed.slice(1) : trimmed.slice(1, end);
  }
  return trimmed.split(/\s+/)[0] ?? '';
}

const labelKey = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();

/** `[label]: destination` lines, the destination possibly on the next line. */
const DEFINITION = /^ {0,3}\[([^\]\n]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)[^\n]*(\n|$)/gm;

/** Drops definitions of addresses that may not be linked; answers which labels are safe. */
function definitions(text: string): { text: string; safe: Map<string, boolean> } {
  const safe = new Map<string, boolean>();
  const kept = text.replace(DEFINITION, (line, label: string, dest: string) => {
    const target = safeLinkTarget(dest.startsWith('<') ? dest.slice(1, -1) : dest);
    const key = labelKey(label);
    if (!safe.has(key)) safe.set(key, target !== undefined);
    return target === undefined ? '' : line;
  });
  return { text: kept, safe };
}

/** One pass over the text: each link kept (canonical) when its address may be linked, else its words. */
function pass(text: string, safe: Map<string, boolean>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '<') {
      const auto = /^<([^<>\s]+)>/.exec(text.slice(i));
      if (auto) {
        const inner = auto[1]!;
        const isEmail = /^[^:@]+@[^:@]+$/.test(inner);
        if (isEmail || inner.includes(':')) {
          const target = safeLinkTarget(isEmail ? `mailto:${inner}` : inner);
          out += target === undefined ? inner : isEmail ? auto[0] : `<${target}>`;
          i += auto[0].length;
          continue;
        }
      }
    }
    if (c === '[') {
      const end = closing(text, i, '[', ']');
      if (end !== -1) {
        const label = text.slice(i + 1, end);
        const after = text[end + 1];
        if (after === '(') {
          const close = closing(text, end + 1, '(', ')');
          if (close !== -1) {
            const target = safeLinkTarget(destinationOf(text.slice(end + 2, close)));
            const words = pass(label, safe);
            out += target === undefined ? words : `[${words}](${target})`;
            i = close + 1;
            continue;
          }
        } else {
          // [words][label], [label][] or [label]: a reference to a definition.
          const refEnd = after === '[' ? closing(text, end + 1, '[', ']') : -1;
          const ref = refEnd !== -1 ? text.slice(end + 2, refEnd) || label : label;
          // A label never defined links nowhere and stays as typed.
          if (safe.get(labelKey(ref)) === false) {
            out += pass(label, safe);
            i = (refEnd !== -1 ? refEnd : end) + 1;
            continue;
          }
        }
      }
    }
    out += c;
    i += 1;
  }
  return out;
}

/**
 * The text with every link whose address may not be linked replaced by its words (inline links,
 * autolinks, reference links and their definitions, images); allowed links kept, canonical.
 * Applied until nothing changes, so unwrapping one link can never make another.
 */
export function safeMarkdown(text: string): string {
  let current = text;
  for (let round = 0; round < 16; round += 1) {
    const defs = definitions(current);
    const next = pass(defs.text, defs.safe);
    if (next === current) return next;
    current = next;
  }
  // Pathological nesting: no brackets left means no link left.
  return current.replace(/[[\]<>]/g, '');
}
