import type { PDFFont } from 'pdf-lib';

/**
 * Text the PDF's standard fonts can draw. Helvetica is encoded in WinAnsi: a character outside
 * it (a minus sign, ≤, an arrow, a letter of another script) would make pdf-lib throw. Known
 * symbols are mapped to plain equivalents, accented letters lose their accent when WinAnsi has
 * no such letter, and anything else becomes "?".
 */

const PLAIN: Record<string, string> = {
  '\u2212': '-', // minus sign
  '\u2010': '-',
  '\u2011': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2248': '~',
  '\u2260': '!=',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u2713': 'v',
};

const charsetCache = new WeakMap<PDFFont, Set<number>>();

function charset(font: PDFFont): Set<number> {
  let set = charsetCache.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsetCache.set(font, set);
  }
  return set;
}

/** `text` with every character the font cannot encode replaced (see above). */
export function drawable(text: string, font: PDFFont): string {
  const known = charset(font);
  let out = '';
  for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
    const code = char.codePointAt(0)!;
    if (known.has(code)) {
      out += char;
      continue;
    }
    const plain = PLAIN[char];
    if (plain !== undefined) {
      out += plain;
      continue;
    }
    const bare = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += [...bare].every((c) => known.has(c.codePointAt(0)!)) && bare ? bare : '?';
  }
  return out;
}

/** Splits drawable text into lines no wider than `width` at `size` (long words are cut). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = drawable(text, font).split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (let word of words) {
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut -= 1;
      if (line) lines.push(line);
      lines.push(word.slice(0, cut));
      line = '';
      word = word.slice(cut);
    }
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Text cut with "..." to fit `width` (for table cells). */
export function fit(text: string, font: PDFFont, size: number, width: number): string {
  const plain = drawable(text, font);
  if (font.widthOfTextAtSize(plain, size) <= width) return plain;
  let cut = plain.length;
  while (cut > 0 && font.widthOfTextAtSize(`${plain.slice(0, cut)}...`, size) > width) cut -= 1;
  return `${plain.slice(0, cut)}...`;
}
