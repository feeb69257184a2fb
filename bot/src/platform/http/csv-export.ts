import { stringify } from 'csv-stringify/sync';

/**
 * Every CSV the product writes goes through here, so a spreadsheet never runs what someone typed.
 * A text cell that a spreadsheet would read as a formula (OWASP "CSV injection": it begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return, or the full-width `＝ ＋ － ＠` some apps fold
 * into them) is written with a leading `'`, which spreadsheets show as text. Quoting of commas,
 * quotes and line breaks is csv-stringify's, applied after. Only the file changes: what is stored
 * and what the API and the tab show keep the original text.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text as a CSV cell must hold it: prefixed with `'` when it could start a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell: text (neutralised), a number we computed (written as is), or empty. */
export type CsvCell = string | number | null | undefined;

/** A CSV file: the header line, then one line per row; every text cell neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([[...header], ...rows.map((row) => [...row])], {
    cast: { string: (value) => neutraliseCell(value) },
  });
}
