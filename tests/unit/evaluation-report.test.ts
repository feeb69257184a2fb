import { parse } from 'csv-parse/sync';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import type { RespondentRole, SurveyKind } from '../../bot/src/contracts/evaluation';
import type { EvaluationResults } from '../../bot/src/contracts/evaluation-results';
import {
  defaultEvaluationPlan,
  equalityBreakdowns,
  evaluationResults,
  itemsFor,
  participationResults,
  reportCsv,
  reportPdf,
  type ReportInput,
  type ScaleAnswers,
} from '../../bot/src/features/evaluation';
import { drawable } from '../../bot/src/features/evaluation/report/pdf-text';
import { StandardFonts } from 'pdf-lib';

/**
 * The sponsor's report built from known results: the CSV has one row per figure and a hidden
 * figure is only ever "hidden", never a number; the PDF is a valid A4 document pdf-lib loads
 * back, with the expected pages, whatever characters the cohort's name holds.
 */

const plan = defaultEvaluationPlan();

/** `count` people of `role` answering baseline then final: every item at `before`/`after`. */
function people(role: RespondentRole, count: number, before: number, after: number) {
  const answers: ScaleAnswers[] = [];
  for (let i = 0; i < count; i += 1) {
    for (const [survey, value] of [
      ['baseline', before + (i % 2)],
      ['final', after + (i % 3 === 0 ? 1 : 0)],
    ] as [SurveyKind, number][]) {
      const values: Record<string, number> = {};
      for (const item of itemsFor(plan.surveys[survey], role)) {
        if (item.kind === 'scale') values[item.id] = Math.min(value, item.scale.max);
      }
      answers.push({ person: `${role}-${i}`, role, survey, state: 'submitted', values });
    }
  }
  return answers;
}

/** Seven mentors and three mentees: the mentees are too few, so the mentors hide with them. */
function knownResults(): EvaluationResults {
  const invited = {
    baseline: { mentor: 7, mentee: 3 },
    pulse: { mentor: 0, mentee: 0 },
    final: { mentor: 7, mentee: 3 },
  };
  return evaluationResults(plan, invited, [
    ...people('mentor', 7, 2, 4),
    ...people('mentee', 3, 3, 4),
  ]);
}

function input(results: EvaluationResults, name = 'Spring cohort 2027'): ReportInput {
  return {
    cohort: { name, startDate: '2027-03-01', endDate: '2027-08-31', timeZone: 'Europe/London' },
    plan,
    results,
    madeAt: '2027-09-20T10:00:00Z',
  };
}

const HIDDEN = 'hidden: fewer than 5 people';
type Row = Record<'section' | 'survey' | 'item_or_domain' | 'group' | 'hidden', string> &
  Record<string, string>;

function rowsOf(csv: string): Row[] {
  return parse(csv, { columns: true }) as Row[];
}

describe('the CSV of aggregates', () => {
  const results = knownResults();
  const rows = rowsOf(reportCsv(input(results)));
  const numbers = [
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
  ];

  it('has one row per figure: every response rate, domain and item figure', () => {
    const count = (section: string) => rows.filter((r) => r.section === section).length;
    expect(count('response_rate')).toBe(results.responseRates.length);
    expect(count('domain_change')).toBe(results.domains.length);
    expect(count('item_change')).toBe(results.items.length);
  });

  it('shows a figure over enough people with its numbers', () => {
    const all = rows.find(
      (r) => r.section === 'domain_change' && r.item_or_domain === 'feedback' && r.group === 'all',
    );
    const figure = results.domains.find((d) => d.domain === 'feedback' && d.group === 'all');
    expect(figure?.change.shown).toBe(true);
    if (!figure?.change.shown) return;
    expect(all).toMatchObject({
      n: '10',
      median_before: String(figure.change.medianBefore),
      median_difference: String(figure.change.medianDifference),
      p_method: figure.change.method,
      hidden: '',
    });
  });

  it('writes a hidden figure as hidden, never with a number', () => {
    // Three mentees are too few; the seven mentors hide too (all − mentors would give them).
    const hidden = rows.filter((r) => r.group === 'mentor' || r.group === 'mentee');
    expect(hidden.length).toBeGreaterThan(20);
    for (const row of hidden) {
      expect(row.hidden).toBe(HIDDEN);
      for (const column of numbers) expect(row[column]).toBe('');
    }
    const pulse = rows.find((r) => r.section === 'response_rate' && r.survey === 'pulse');
    expect(pulse?.hidden).toBe(HIDDEN);
  });

  it('adds the participation tables worded, with no session id, hidden cells as hidden', () => {
    const participation = participationResults({
      minGroupSize: 5,
      cadence: { plannedMeetings: 6, minimumMeetings: 3 },
      pairs: Array.from({ length: 6 }, (_, i) => ({
        pairId: `pair-${i}`,
        meetings: Array.from({ length: i < 5 ? 6 : 1 }, () => ({ status: 'held' as const })),
        actions: [{ done: true }],
        ending: null,
      })),
      choices: [],
      sessions: [{ eventId: 'evt-secret-42', type: 'peer_support', invited: 20, attended: 14 }],
    });
    const csv = reportCsv(input({ ...results, participation }));
    expect(csv).not.toContain('evt-secret-42');
    expect(csv).not.toContain('pair-');
    const table = rowsOf(csv).filter((r) => r.section.startsWith('participation: Meetings held'));
    const met = table.find((r) => r.item_or_domain === 'Pairs' && r.group.startsWith('Held every'));
    expect(met).toMatchObject({ count: '5', hidden: '' });
    const few = table.find((r) => r.item_or_domain === 'Pairs' && r.group.startsWith('Held some'));
    expect(few).toMatchObject({ count: '', hidden: HIDDEN });
    const session = rowsOf(csv).find((r) => r.item_or_domain === 'Session 1 (peer support)');
    expect(session).toMatchObject({ group: 'Attended', count: '14' });
  });
});

/** Every string a PDF's pages draw (pdf-lib writes them as hex; content streams are deflated). */
async function pdfStrings(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const strings: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as PDFRawStream;
      const raw = Buffer.from(stream.getContents());
      const text = (stream.dict.get(PDFName.of('Filter')) ? inflateSync(raw) : raw).toString(
        'latin1',
      );
      for (const [, hex] of text.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
        strings.push(Buffer.from(hex!, 'hex').toString('latin1'));
      }
    }
  }
  return strings;
}

/** Disability shown (every cell five or more); ethnicity with a group of four, withheld. */
const BREAKDOWNS = equalityBreakdowns(
  {
    disability: {
      yes: { completed: 6, ended_early: 5 },
      'prefer-not-to-say': { completed: 9, ended_early: 5 },
    },
    ethnicity: { asian: { completed: 4 }, white: { completed: 7, ended_early: 5 } },
    religion: { christian: { completed: 8, ended_early: 6 }, jewish: { completed: 5 } },
    sexualOrientation: { heterosexual: { completed: 12, ended_early: 6 } },
  },
  5,
);

describe('the equality breakdowns in the report', () => {
  it('writes a shown breakdown cell by cell, a withheld one as one row of words and no number', () => {
    const csv = reportCsv(input({ ...knownResults(), breakdowns: BREAKDOWNS }));
    const rows = rowsOf(csv).filter((r) => r.section.startsWith('breakdown: '));
    const disability = rows.filter((r) => r.section.startsWith('breakdown: Disability'));
    expect(
      disability.find((r) => r.item_or_domain === 'Yes' && r.group === 'Completed'),
    ).toMatchObject({ count: '6', hidden: '' });
    expect(
      disability.find(
        (r) => r.item_or_domain === 'Prefer not to say, or not shared' && r.group === 'Ended early',
      ),
    ).toMatchObject({ count: '5' });
    const ethnicity = rows.filter((r) => r.section.startsWith('breakdown: Ethnicity'));
    expect(ethnicity).toEqual([
      expect.objectContaining({
        item_or_domain: '',
        count: '',
        hidden: 'Withheld: a group here has fewer than 5 people',
      }),
    ]);
    expect(csv).not.toContain('Asian');
    expect(csv).not.toContain('White');
  });

  it('draws the breakdowns in the PDF: the shown table, and the withheld one in words', async () => {
    const bytes = await reportPdf(input({ ...knownResults(), breakdowns: BREAKDOWNS }));
    const drawn = await pdfStrings(bytes);
    expect(drawn).toContain('Equality monitoring');
    expect(drawn).toContain("Disability or long-term condition: pairs by the mentor's answer");
    expect(drawn).toContain('Prefer not to say, or not shared');
    expect(drawn).toContain('Withheld: a group here has fewer than 5 people');
    expect(drawn).not.toContain('Asian');
    expect(drawn).not.toContain('White');
  });
});

describe('the board-ready PDF', () => {
  it('is a valid A4 PDF pdf-lib loads back, with its title and the expected pages', async () => {
    const bytes = await reportPdf(input(knownResults()));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const loaded = await PDFDocument.load(bytes);
    // Page 1: title, response rates, the chart, the table begins; page 2: the rest and the notes.
    expect(loaded.getPageCount()).toBe(2);
    const [width, height] = [loaded.getPage(0).getWidth(), loaded.getPage(0).getHeight()];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(loaded.getTitle()).toBe('Reverse mentoring: evaluation report: Spring cohort 2027');
  });

  it('takes a page more for the participation measures', async () => {
    const participation = participationResults({
      minGroupSize: 5,
      cadence: { plannedMeetings: 6, minimumMeetings: 3 },
      pairs: [],
      choices: [],
      sessions: [{ eventId: 'e1', type: 'action_learning_set', invited: 9, attended: 7 }],
    });
    const bytes = await reportPdf(input({ ...knownResults(), participation }));
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(3);
  });

  it('draws a cohort name with characters outside WinAnsi (mapped, never a crash)', async () => {
    const name = 'Łódź − cohort ≥ 2 → Zürich 日本';
    const bytes = await reportPdf(input(knownResults(), name));
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(drawable(name, font)).toBe('?ódz - cohort >= 2 -> Zürich ??');
  });
});
