import { DateTime } from 'luxon';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SURVEY_KINDS } from '../../../contracts/evaluation';
import { axisMaximum, chartBars, drawDomainChart } from './pdf-chart';
import { type Column, PdfWriter } from './pdf-writer';
import type { ReportInput } from './report-input';
import { breakdownTables } from './report-breakdowns';
import { type ReportTable, participationTables } from './report-tables';
import {
  CHANGE_COLUMNS,
  DOMAIN_WORDS,
  GROUP_WORDS,
  SURVEY_WORDS,
  changeCells,
  formatRate,
  hiddenWords,
} from './report-words';

/**
 * The sponsor's board-ready PDF (A4, standard fonts): title, cohort and dates, when it was made,
 * response rates, a chart of the confidence domains before and after, the table of figures,
 * the participation measures and the equality breakdowns when present, and notes on the method and the suppression.
 * Built only from the suppressed results, the plan and the cohort's name and dates: it cannot
 * hold a name or an answer. Pure: the same input gives the same bytes.
 */

export const REPORT_TITLE = 'Reverse mentoring: evaluation report';

const METHOD_NOTES = (k: number) => [
  "Who counts. Each figure compares a person's baseline survey with their final survey. Only people who sent both, answering every confidence item of their side both times, are counted, so every figure of a group covers the same people. A domain's score is the sum of its items; the total adds all seven domains.",
  'The test. Change is tested with the paired Wilcoxon signed-rank test, two-sided, leaving out people whose score did not change. "Exact": up to 50 changed scores with no ties, the exact p-value. "Exact conditional": with ties, the exact p-value over every pattern of rises and falls on the tied ranks. "Normal approximation": above 50 changed scores, with corrections for ties and continuity. "No change to test": nobody\'s score changed.',
  'Effect size. r is the matched-pairs rank-biserial correlation: +1 when everyone rose, 0 when rises and falls balance, -1 when everyone fell (roughly 0.1 small, 0.3 medium, 0.5 large).',
  `Small numbers. Any figure covering fewer than ${k} people is hidden and marked "${hiddenWords(k)}"; a hidden figure carries no number, not even how many people it covers. Secondary suppression: in a table with totals, further cells are hidden so that no hidden cell can be worked out by subtracting from a row or column total, and mentors, mentees and all are shown or hidden together so that one cannot be found from the others.`,
  'Privacy. This report holds no names, no answers and no free text: only counts and figures, after the suppression above. The figures for each item are in the CSV of aggregates.',
];

function dateWords(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('d LLLL yyyy');
}

/** A titled count table: a null cell reads "hidden". */
function countTable(w: PdfWriter, table: ReportTable): void {
  w.paragraph(table.title, 9.5, w.fonts.bold);
  const columns: Column[] = [
    { heading: '', width: 3 },
    ...table.columns.map((heading) => ({ heading, width: 2, align: 'right' as const })),
  ];
  const rows = table.rows.map((r) => [
    r.label,
    ...r.cells.map((c) => (c === null ? null : String(c))),
  ]);
  w.table(columns, rows, 'hidden', 7.5);
  w.gap(6);
}

/** The report's bytes. */
export async function reportPdf(input: ReportInput): Promise<Uint8Array> {
  const { cohort, results, plan } = input;
  const k = results.minGroupSize;
  const hidden = hiddenWords(k);
  const madeAt = DateTime.fromISO(input.madeAt, { zone: 'utc' }).setZone(cohort.timeZone);

  const doc = await PDFDocument.create();
  doc.setTitle(`${REPORT_TITLE}: ${cohort.name}`);
  doc.setSubject('Aggregate outcomes of a mentoring cohort (no names)');
  doc.setProducer('Reverse mentoring');
  doc.setCreator('Reverse mentoring');
  doc.setCreationDate(madeAt.toJSDate());
  doc.setModificationDate(madeAt.toJSDate());
  const w = new PdfWriter(doc, {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  });

  w.gap(10);
  w.text(REPORT_TITLE, 50, 20, w.fonts.bold);
  w.gap(8);
  w.paragraph(cohort.name, 13, w.fonts.bold);
  w.paragraph(
    `Cohort dates: ${dateWords(cohort.startDate, cohort.timeZone)} to ${dateWords(cohort.endDate, cohort.timeZone)}`,
  );
  w.paragraph(`Made: ${madeAt.toFormat('d LLLL yyyy, HH:mm')} (${cohort.timeZone})`);
  w.paragraph(
    `Figures covering fewer than ${k} people are hidden. Evaluation plan version ${results.planVersion}.`,
    9,
    w.fonts.italic,
  );

  w.heading('Response rates');
  const rateColumns: Column[] = [
    { heading: 'Survey', width: 3 },
    { heading: 'Group', width: 2 },
    { heading: 'Sent to', width: 2, align: 'right' },
    { heading: 'Answered', width: 2, align: 'right' },
    { heading: 'Rate', width: 2, align: 'right' },
  ];
  const rateRows = SURVEY_KINDS.flatMap((survey) =>
    results.responseRates
      .filter((r) => r.survey === survey)
      .map((r) => {
        const f = r.figure;
        const head = [SURVEY_WORDS[r.survey], GROUP_WORDS[r.group]];
        return f.shown
          ? [...head, String(f.invited), String(f.responded), formatRate(f.rate)]
          : [...head, null, '', ''];
      }),
  );
  w.table(rateColumns, rateRows, hidden);

  w.heading('Confidence before and after');
  drawDomainChart(w, chartBars(results), axisMaximum(plan), k);

  w.heading('Change in confidence, baseline to final');
  const changeColumns: Column[] = [
    { heading: 'Domain', width: 5 },
    { heading: 'Group', width: 2 },
    ...CHANGE_COLUMNS.map((heading, i) => ({
      heading,
      width: i === 5 ? 3.2 : 1.6,
      align: i === 5 ? ('left' as const) : ('right' as const),
    })),
  ];
  const changeRows = results.domains.map((d) => {
    const cells = changeCells(d.change);
    const head = [DOMAIN_WORDS[d.domain], GROUP_WORDS[d.group]];
    return cells ? [...head, ...cells] : [...head, null, ...CHANGE_COLUMNS.slice(1).map(() => '')];
  });
  w.table(changeColumns, changeRows, hidden, 7.5);

  if (results.participation) {
    w.heading('Participation');
    w.paragraph(
      `Counts of pairs, partners or places. A cell marked "hidden" covers fewer than ${k} (or could be worked out from one that does).`,
      8.5,
      w.fonts.italic,
    );
    for (const table of participationTables(results.participation)) countTable(w, table);
  }

  if (results.breakdowns) {
    w.heading('Equality monitoring');
    w.paragraph(
      `Pairs by their mentor's answer, given with consent; "prefer not to say", no answer and no consent are one row. A table is shown only when every group in it has at least ${results.breakdowns.minGroupSize} people, else withheld whole.`,
      8.5,
      w.fonts.italic,
    );
    if (results.breakdowns.categories.length === 0) {
      w.paragraph('No mentor has shared an answer to count.', 9);
    }
    for (const table of breakdownTables(results.breakdowns)) {
      if (table.withheld === null) {
        countTable(w, table);
        continue;
      }
      w.paragraph(table.title, 9.5, w.fonts.bold);
      w.paragraph(table.withheld, 9);
      w.gap(6);
    }
  }

  w.heading('Method notes');
  for (const note of METHOD_NOTES(k)) {
    w.paragraph(note, 8.5);
    w.gap(3);
  }

  w.footers(`${cohort.name}: evaluation report, aggregates only, no names.`);
  return doc.save();
}
