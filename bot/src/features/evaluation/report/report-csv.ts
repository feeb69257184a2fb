import { type CsvCell, toCsv } from '../../../platform/http/csv-export';
import type { ReportInput } from './report-input';
import { breakdownTables } from './report-breakdowns';
import { participationTables } from './report-tables';
import { hiddenWords } from './report-words';

/**
 * The sponsor's CSV of aggregates: one row per figure. Response rates, the pre/post change per
 * confidence domain and per item, then each participation table's cells, then each equality
 * breakdown's (a withheld one is one row saying so, with no number). A suppressed figure
 * has every number empty and says `hidden: fewer than k people` in its own column: it never
 * carries a number. No name, no person's id, no free text; the item column holds the plan's
 * item id (the question's key, written by the programme team).
 */

export const REPORT_CSV_HEADER = [
  'section',
  'survey',
  'item_or_domain',
  'group',
  'n',
  'median_before',
  'median_after',
  'median_difference',
  'p_value',
  'p_method',
  'effect_size_rank_biserial',
  'invited',
  'responded',
  'response_rate',
  'count',
  'hidden',
] as const;

type Row = CsvCell[];

function row(cells: Partial<Record<(typeof REPORT_CSV_HEADER)[number], CsvCell>>): Row {
  return REPORT_CSV_HEADER.map((column) => cells[column] ?? null);
}

/** The CSV's header and rows, ready for `toCsv`. */
export function reportCsvRows(input: ReportInput): { header: readonly string[]; rows: Row[] } {
  const { results } = input;
  const hidden = hiddenWords(results.minGroupSize);
  const rows: Row[] = [];

  for (const rate of results.responseRates) {
    const base = { section: 'response_rate', survey: rate.survey, group: rate.group };
    const f = rate.figure;
    rows.push(
      f.shown
        ? row({ ...base, invited: f.invited, responded: f.responded, response_rate: f.rate })
        : row({ ...base, hidden }),
    );
  }

  const change = (
    section: string,
    subject: string,
    group: string,
    c: (typeof results.domains)[number]['change'],
  ): Row => {
    const base = { section, survey: 'baseline_to_final', item_or_domain: subject, group };
    if (!c.shown) return row({ ...base, hidden });
    return row({
      ...base,
      n: c.n,
      median_before: c.medianBefore,
      median_after: c.medianAfter,
      median_difference: c.medianDifference,
      p_value: c.pValue,
      p_method: c.method,
      effect_size_rank_biserial: c.rankBiserial,
    });
  };
  for (const d of results.domains) rows.push(change('domain_change', d.domain, d.group, d.change));
  for (const i of results.items) rows.push(change('item_change', i.itemId, i.group, i.change));

  if (results.participation) {
    for (const table of participationTables(results.participation)) {
      for (const r of table.rows) {
        r.cells.forEach((count, j) => {
          const base = {
            section: `participation: ${table.title}`,
            item_or_domain: r.label,
            group: table.columns[j] ?? '',
          };
          rows.push(count === null ? row({ ...base, hidden }) : row({ ...base, count }));
        });
      }
    }
  }
  if (results.breakdowns) {
    for (const table of breakdownTables(results.breakdowns)) {
      const section = `breakdown: ${table.title}`;
      if (table.withheld !== null) {
        rows.push(row({ section, hidden: table.withheld }));
        continue;
      }
      for (const r of table.rows) {
        r.cells.forEach((count, j) => {
          const base = { section, item_or_domain: r.label, group: table.columns[j] ?? '' };
          rows.push(count === null ? row({ ...base, hidden }) : row({ ...base, count }));
        });
      }
    }
  }
  return { header: REPORT_CSV_HEADER, rows };
}

/** The CSV's text (every text cell neutralised against spreadsheet formulas by `toCsv`). */
export function reportCsv(input: ReportInput): string {
  const { header, rows } = reportCsvRows(input);
  return toCsv(header, rows);
}
