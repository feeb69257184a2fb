import { decodeText, replacementProblem } from '../../bot/src/contracts/text-encoding';

/**
 * Reading a roster file's bytes (issue 13, item 9): a byte-order mark, else strict UTF-8, else
 * Windows-1252 with a note; what is no text, or holds U+FFFD, is refused with how to save as UTF-8.
 */

const NAMES =
  'email,display_name,role\njose@trust.nhs.uk,José Müller,mentor\nzoe@x.uk,Zoë Ångström,mentee\n';

/** The bytes of `text` in Windows-1252 (every character here is in it), one byte each. */
function cp1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
  return Uint8Array.from(Array.from(text), (c) => {
    const code = extra[c] ?? c.charCodeAt(0);
    if (code > 0xff) throw new Error(`${c} is not in Windows-1252`);
    return code;
  });
}

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const [hi, lo] = [unit >> 8, unit & 0xff];
    out.set(endian === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
  }
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8 without a note, with or without its byte-order mark', () => {
    expect(decodeText(utf8(NAMES))).toEqual({
      ok: true,
      text: NAMES,
      encoding: 'utf-8',
      note: null,
    });
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(NAMES)]);
    expect(decodeText(withBom)).toEqual({ ok: true, text: NAMES, encoding: 'utf-8', note: null });
    // An ArrayBuffer, as File.arrayBuffer() gives, reads the same.
    expect(decodeText(withBom.buffer)).toMatchObject({ ok: true, text: NAMES });
    expect(decodeText(new Uint8Array())).toMatchObject({ ok: true, text: '', encoding: 'utf-8' });
  });

  it('reads UTF-16 little- and big-endian by their byte-order marks, and says so', () => {
    for (const endian of ['le', 'be'] as const) {
      const read = decodeText(utf16(NAMES, endian));
      expect(read).toMatchObject({ ok: true, text: NAMES, encoding: `utf-16${endian}` });
      expect(read.ok && read.note).toMatch(/^Read as UTF-16/);
    }
  });

  it('reads Windows-1252, € and curly quotes included, and says to check the names', () => {
    const text = `${NAMES}eur@x.uk,“Renée” O’Brien – €5 club,mentor\n`;
    expect(decodeText(cp1252(text))).toEqual({
      ok: true,
      text,
      encoding: 'windows-1252',
      note: 'Read as Windows-1252 (Western European); check the names look right.',
    });
  });

  it('maps every defined byte 0x80–0x9F as Windows-1252 does (not as Latin-1)', () => {
    const defined = [...Array(32).keys()]
      .map((i) => 0x80 + i)
      .filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    const read = decodeText(Uint8Array.from([0x41, ...defined]));
    expect(read).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(read.ok && read.text).toBe('A€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
  });

  it('reads Latin-1 (ISO-8859-1) accents the same way', () => {
    const latin1 = Uint8Array.from(Array.from('name\nJosé Müller\nZoë\nÅngström\nçñß\n'), (c) =>
      c.charCodeAt(0),
    );
    expect(decodeText(latin1)).toMatchObject({
      ok: true,
      text: 'name\nJosé Müller\nZoë\nÅngström\nçñß\n',
      encoding: 'windows-1252',
    });
  });

  it('refuses an Excel workbook (.xlsx zip or .xls), saying how to save as CSV UTF-8', () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    for (const bytes of [xlsx, xls]) {
      const read = decodeText(bytes);
      expect(read).toMatchObject({ ok: false, reason: 'spreadsheet', line: 0 });
      expect(!read.ok && read.message).toContain('"CSV UTF-8 (Comma delimited)"');
    }
  });

  it('refuses binary: NUL bytes, control bytes, bytes neither UTF-8 nor Windows-1252 use', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const noBomUtf16 = utf16('email,display_name', 'le').subarray(2);
    const controls = Uint8Array.from([0x41, 0x0a, 0xe9, 0x1b, 0x02, 0x03]);
    const undefinedByte = Uint8Array.from([...utf8('a,b\nc,'), 0xe9, 0x81]);
    for (const bytes of [png, noBomUtf16, controls, undefinedByte]) {
      const read = decodeText(bytes);
      expect(read).toMatchObject({ ok: false, reason: 'binary' });
      expect(!read.ok && read.message).toContain('Save it as UTF-8');
    }
    expect(decodeText(undefinedByte)).toMatchObject({ line: 2 });
    // A NUL in otherwise valid UTF-8 is refused too, naming its line.
    expect(decodeText(utf8('a,b\nc,\u0000'))).toMatchObject({ ok: false, reason: 'binary' });
  });

  it('refuses a byte-order mark followed by bytes that are not that encoding', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xe9, 0x41]))).toMatchObject({
      ok: false,
      reason: 'broken',
    });
    // An odd number of bytes after a UTF-16 mark.
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42]))).toMatchObject({
      ok: false,
      reason: 'broken',
    });
  });

  it('refuses text that already holds U+FFFD, naming the first line with it', () => {
    const damaged = 'email,display_name,role\njose@x.uk,Jos\uFFFD M\uFFFDller,mentor\n';
    for (const bytes of [utf8(damaged), utf16(damaged, 'le')]) {
      const read = decodeText(bytes);
      expect(read).toMatchObject({ ok: false, reason: 'replacement', line: 2 });
      expect(!read.ok && read.message).toMatch(/^Line 2 contains "\uFFFD" \(U\+FFFD\)/);
    }
    expect(replacementProblem('fine\ntext')).toBeUndefined();
    // Kept only for a caller that refuses it field by field (the service's roster import).
    expect(decodeText(utf8(damaged), { replacement: 'keep' })).toMatchObject({
      ok: true,
      text: damaged,
    });
  });
});
