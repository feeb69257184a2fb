/**
 * Reading a text file's bytes (a roster CSV) in the encoding it was saved in. A spreadsheet saved
 * as "CSV" on Windows is often Windows-1252 (Latin-1's superset), not UTF-8; decoding that as
 * UTF-8 turns "José Müller" into "Jos� M�ller". So the bytes are read, in order, by:
 *
 * 1. a byte-order mark: UTF-8, UTF-16LE or UTF-16BE, decoded strictly;
 * 2. a strict UTF-8 decode (which plain ASCII passes);
 * 3. Windows-1252 (a superset of Latin-1's printable characters), said in a note so people
 *    check the names.
 *
 * What is no text at all is refused with words on how to save the file as UTF-8: a spreadsheet
 * workbook (.xlsx is a zip, "PK\x03\x04"; .xls an OLE file), NUL bytes, control characters, or
 * bytes Windows-1252 leaves undefined. Text holding U+FFFD (the replacement character, the mark
 * of a character lost in an earlier conversion) is refused too: it is never stored.
 *
 * Pure (standard `TextDecoder` only, present in browsers and Node): the tab decodes the file it is
 * given with it, and the service decodes a `text/csv` body with it.
 */

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** Each encoding as people know it. */
export const ENCODING_WORDS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

/** U+FFFD, what a decoder puts in place of bytes it could not read. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** How to save a spreadsheet or text file as UTF-8, said whenever a file cannot be read. */
export const SAVE_AS_UTF8 =
  'Save it as UTF-8 and choose it again: in Excel, File > Save As > "CSV UTF-8 (Comma delimited)"; in Google Sheets, File > Download > "Comma-separated values"; in a text editor, choose the UTF-8 encoding when you save.';

/** Why a file's bytes were not read as text. */
export type UnreadableReason = 'spreadsheet' | 'binary' | 'broken' | 'replacement';

export type DecodedText =
  | {
      ok: true;
      /** The text, without its byte-order mark. */
      text: string;
      encoding: TextEncodingName;
      /** What people should know about how it was read (null for UTF-8, the usual case). */
      note: string | null;
    }
  | {
      ok: false;
      reason: UnreadableReason;
      /** The first line (1-based) with the problem, or 0 for the whole file. */
      line: number;
      message: string;
    };

type Bom = { encoding: TextEncodingName; length: number };

function byteOrderMark(b: Uint8Array): Bom | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function startsWith(b: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => b[i] === byte);
}

/** Zip (.xlsx, .ods, .numbers) and OLE compound file (.xls) signatures. */
const WORKBOOK_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
];

/** NUL and the C0 controls no CSV holds (tab, line feed, form feed and carriage return are fine). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- as above
const NUL = /\u0000/;
/** The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): no text has them. */
const UNDEFINED_IN_1252 = /[\u0081\u008D\u008F\u0090\u009D]/;

function strict(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Windows-1252 is Latin-1 but for bytes 0x80–0x9F, which are these characters (the WHATWG
 * Encoding Standard's index; the five undefined bytes stay C1 controls and are refused below).
 * Decoded here rather than by `TextDecoder('windows-1252')`: Node releases from 20.18.3 and
 * 22.13 on decode that label as Latin-1, turning "€" into U+0080 (nodejs/node#56542, #60888); browsers do not.
 */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const units = Array.from(bytes.subarray(start, start + chunk), (b) =>
      b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...units));
  }
  return parts.join('');
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function refuse(reason: UnreadableReason, line: number, what: string): DecodedText {
  return { ok: false, reason, line, message: `${what} ${SAVE_AS_UTF8}` };
}

/** Where `text` holds U+FFFD, in words: the line, or undefined when it has none. */
export function replacementProblem(text: string): { line: number; message: string } | undefined {
  const index = text.indexOf(REPLACEMENT_CHARACTER);
  if (index < 0) return undefined;
  const line = lineOf(text, index);
  return {
    line,
    message: `Line ${line} contains "${REPLACEMENT_CHARACTER}" (U+FFFD), the mark of a character lost when the file was saved or converted in another encoding. Correct the names in the original and save it again.`,
  };
}

export interface DecodeOptions {
  /**
   * `refuse` (the default): text holding U+FFFD is refused. `keep`: returned as it is, for a
   * caller that refuses it itself with a finer answer (the roster import names the row and
   * column of each such field). Either way it is never stored.
   */
  replacement?: 'refuse' | 'keep';
}

/**
 * The checks every decoded text passes. A NUL is never text; other control characters in a
 * Unicode file are left to the text rule, which names their row and column, but in a guessed
 * Windows-1252 file they say the bytes were no text at all.
 */
function checked(
  text: string,
  encoding: TextEncodingName,
  note: string | null,
  options: DecodeOptions,
): DecodedText {
  const control = (encoding === 'windows-1252' ? NOT_TEXT : NUL).exec(text);
  if (control) {
    return refuse(
      'binary',
      lineOf(text, control.index),
      `The file isn't plain text (it has a ${control[0] === '\u0000' ? 'NUL' : 'control'} character on line ${lineOf(text, control.index)}).`,
    );
  }
  const lost = options.replacement === 'keep' ? undefined : replacementProblem(text);
  if (lost) return refuse('replacement', lost.line, lost.message);
  return { ok: true, text, encoding, note };
}

/** Reads a text file's bytes: see the module's comment for the order of the tries. */
export function decodeText(
  input: Uint8Array | ArrayBuffer,
  options: DecodeOptions = {},
): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const bom = byteOrderMark(bytes);
  if (bom) {
    const text = strict(bom.encoding, bytes.subarray(bom.length));
    const words = ENCODING_WORDS[bom.encoding];
    if (text === undefined) {
      return refuse(
        'broken',
        0,
        `The file starts with a ${words} byte-order mark but isn't valid ${words}.`,
      );
    }
    const note = bom.encoding === 'utf-8' ? null : `Read as ${words}, as the file's start says.`;
    return checked(text, bom.encoding, note, options);
  }
  if (WORKBOOK_SIGNATURES.some((s) => startsWith(bytes, s))) {
    return refuse(
      'spreadsheet',
      0,
      "The file is a spreadsheet workbook (such as .xlsx or .xls), not CSV text, even if it's named .csv.",
    );
  }
  if (bytes.includes(0)) {
    return refuse(
      'binary',
      0,
      "The file isn't plain text (it has NUL bytes; a UTF-16 file without a byte-order mark looks like this too).",
    );
  }
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== undefined) return checked(utf8, 'utf-8', null, options);

  const western = decodeWindows1252(bytes);
  const odd = UNDEFINED_IN_1252.exec(western);
  if (odd) {
    return refuse(
      'binary',
      lineOf(western, odd.index),
      `The file isn't UTF-8 or Windows-1252 text (line ${lineOf(western, odd.index)} has a byte neither uses).`,
    );
  }
  return checked(
    western,
    'windows-1252',
    `Read as ${ENCODING_WORDS['windows-1252']}; check the names look right.`,
    options,
  );
}
