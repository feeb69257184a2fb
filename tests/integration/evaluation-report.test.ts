import { parse } from 'csv-parse/sync';
import { PDFDocument } from 'pdf-lib';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { download, seedEvaluationCohorts } from '../support/evaluation-cohorts';
import { COORDINATOR } from '../support/journey-fixture';

/**
 * The sponsor's report on the real service and Azurite (issue 16): the CSV of aggregates and
 * the board-ready PDF, for those who run the cohort and its sponsors; a sponsor of another
 * cohort and a participant find nothing (404). The CSV's figures are the results' (a median
 * difference checked by hand), a cohort of four shows only "hidden", and no name or free text
 * is ever in either file.
 */

const PLANTED = 'PLANTED-7Q: what changed is that I finally said it out loud';
const SPONSOR_SMALL = { name: 'Sam Small' };
const SPONSOR_BIG = { name: 'Sal Big' };
const COORD_BIG = { name: 'Cleo Big' };

let harness: BotHarness;
let url: string;
let everyone: TeamsUser[] = [];
const cohorts: Record<'big' | 'small', string> = { big: '', small: '' };
const tokens: Record<string, string> = {};

const path = (cohort: 'big' | 'small', file: string) =>
  `/api/cohorts/${cohorts[cohort]}/evaluation/${file}`;

function noNameOrText(text: string) {
  expect(text).not.toContain('PLANTED');
  for (const u of everyone) {
    expect(text).not.toContain(u.name);
    expect(text).not.toContain(u.aadObjectId);
  }
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const seeded = await seedEvaluationCohorts(harness, COORDINATOR, {
    prefix: 'e1800000',
    label: 'Report',
    freeText: PLANTED,
  });
  everyone = [...seeded.big, ...seeded.small].flat();
  Object.assign(cohorts, seeded.cohorts);
  Object.assign(tokens, seeded.tokens);
}, 600_000);

afterAll(() => harness?.stop());

type Row = Record<'section' | 'item_or_domain' | 'group' | 'hidden', string> &
  Record<string, string>;

describe('GET /api/cohorts/{id}/evaluation/report.csv', () => {
  it("gives the cohort's coordinator the figures as CSV, one row per figure", async () => {
    const csv = await download(url, path('big', 'report.csv'), tokens[COORD_BIG.name]!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="evaluation-report-Report-big.csv"',
    );
    const rows = parse(csv.text, { columns: true }) as Row[];
    const feedback = rows.find(
      (r) =>
        r.section === 'domain_change' && r.item_or_domain === 'feedback' && r.group === 'mentor',
    );
    // Own changes 1, 2, 0, 2, 1, 3 → median 1.5, over six mentors.
    expect(feedback).toMatchObject({ n: '6', median_difference: '1.5', hidden: '' });
    // The participation measures come along: six pairs, no action agreed yet (counts only).
    const actions = rows.filter((r) => r.section === 'participation: Actions agreed and completed');
    expect(actions.length).toBeGreaterThan(0);
    noNameOrText(csv.text);
  });

  it("gives a small cohort's sponsor only hidden figures, never a number", async () => {
    const csv = await download(url, path('small', 'report.csv'), tokens[SPONSOR_SMALL.name]!);
    expect(csv.status).toBe(200);
    const rows = parse(csv.text, { columns: true }) as Row[];
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.hidden).toBe('hidden: fewer than 5 people');
      expect([row.n, row.median_difference, row.invited, row.responded]).toEqual(['', '', '', '']);
    }
    noNameOrText(csv.text);
  });
});

describe('GET /api/cohorts/{id}/evaluation/report.pdf', () => {
  it('gives the sponsor and the coordinator a PDF that loads, no name in its uncompressed parts', async () => {
    for (const who of [SPONSOR_BIG.name, COORD_BIG.name]) {
      const pdf = await download(url, path('big', 'report.pdf'), tokens[who]!);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(
        'attachment; filename="evaluation-report-Report-big.pdf"',
      );
      expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const doc = await PDFDocument.load(pdf.bytes);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
      expect(doc.getTitle()).toBe('Reverse mentoring: evaluation report: Report big');
      noNameOrText(pdf.bytes.length > 0 ? Buffer.from(pdf.bytes).toString('latin1') : '');
    }
  });
});

describe('who may have the report', () => {
  it("opens to those who run the cohort and its sponsors; 404 to another cohort's sponsor or a participant", async () => {
    for (const file of ['report.csv', 'report.pdf']) {
      const status = async (who: string, cohort: 'big' | 'small') =>
        (await download(url, path(cohort, file), tokens[who]!)).status;
      expect(await status(SPONSOR_BIG.name, 'big')).toBe(200);
      expect(await status(COORD_BIG.name, 'big')).toBe(200);
      expect(await status('admin', 'small')).toBe(200);
      expect(await status(SPONSOR_SMALL.name, 'big')).toBe(404);
      expect(await status(SPONSOR_BIG.name, 'small')).toBe(404);
      expect(await status(COORD_BIG.name, 'small')).toBe(404);
      expect(await status('participant', 'big')).toBe(404);
      const anonymous = await fetch(`${url}${path('big', file)}`);
      expect(anonymous.status).toBe(401);
    }
  });
});
