import { parse } from 'csv-parse/sync';
import { PDFDocument } from 'pdf-lib';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  answerSurvey,
  download,
  makeEvaluationCohort,
  personOf,
} from '../support/evaluation-cohorts';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * The sponsor's report on the real service and Azurite (issue 16): the CSV of aggregates and
 * the board-ready PDF, for those who run the cohort and its sponsors; a sponsor of another
 * cohort and a participant find nothing (404). The CSV's figures are the results' (a median
 * difference checked by hand), a cohort of four shows only "hidden", and no name or free text
 * is ever in either file.
 */

const person = (n: number, name: string) => personOf('e1800000', n, name);
const BIG = Array.from({ length: 6 }, (_, i) => [
  person(i * 2 + 1, `Mentor Quillon${i}`),
  person(i * 2 + 2, `Mentee Quillon${i}`),
]);
const SMALL = Array.from({ length: 2 }, (_, i) => [
  person(100 + i * 2, `Mentor Smallbrook${i}`),
  person(101 + i * 2, `Mentee Smallbrook${i}`),
]);
const SPONSOR_BIG = { userId: 'e1800000-0000-4000-8000-0000000005b1', name: 'Sal Big' };
const SPONSOR_SMALL = { userId: 'e1800000-0000-4000-8000-0000000005b2', name: 'Sam Small' };
const COORD_BIG = { userId: 'e1800000-0000-4000-8000-0000000000c1', name: 'Cleo Big' };

/** The mentors' `feedback` item: own changes 1, 2, 0, 2, 1, 3 (median 1.5). */
const FEEDBACK_BEFORE = [2, 2, 3, 3, 1, 2];
const FEEDBACK_AFTER = [3, 4, 3, 5, 2, 5];
const PLANTED = 'PLANTED-7Q: what changed is that I finally said it out loud';

let harness: BotHarness;
let url: string;
const cohorts: Record<'big' | 'small', string> = { big: '', small: '' };
const tokens: Record<string, string> = {};

const path = (cohort: 'big' | 'small', file: string) =>
  `/api/cohorts/${cohorts[cohort]}/evaluation/${file}`;

function noNameOrText(text: string) {
  expect(text).not.toContain('PLANTED');
  for (const u of [...BIG, ...SMALL].flat() as TeamsUser[]) {
    expect(text).not.toContain(u.name);
    expect(text).not.toContain(u.aadObjectId);
  }
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const u of [...BIG, ...SMALL].flat()) await drive.install(u);
  tokens.admin = await devToken(url, COORDINATOR);
  cohorts.big = await makeEvaluationCohort(url, tokens.admin, 'Report big', BIG);
  cohorts.small = await makeEvaluationCohort(url, tokens.admin, 'Report small', SMALL);
  for (const [who, cohort, role] of [
    [SPONSOR_BIG, 'big', 'sponsor'],
    [SPONSOR_SMALL, 'small', 'sponsor'],
    [COORD_BIG, 'big', 'coordinator'],
  ] as const) {
    const granted = await call(url, 'POST', '/api/roles', {
      token: tokens.admin,
      json: { role, cohortId: cohorts[cohort], userId: who.userId, name: who.name },
    });
    expect(granted.status).toBe(201);
    tokens[who.name] = await devToken(url, who);
  }
  tokens.participant = await devToken(url, {
    userId: BIG[0]![0]!.aadObjectId,
    name: BIG[0]![0]!.name,
  });
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
  await drive.setClock('2027-03-02T10:00:00Z'); // the baseline is open
  for (const [i, [mentor, mentee]] of BIG.entries()) {
    await answerSurvey(url, mentor!, cohorts.big, 'baseline', 3, FEEDBACK_BEFORE[i]!, PLANTED);
    await answerSurvey(url, mentee!, cohorts.big, 'baseline', 2, 2, PLANTED);
  }
  for (const u of SMALL.flat())
    await answerSurvey(url, u, cohorts.small, 'baseline', 2, 2, PLANTED);
  await drive.setClock('2027-09-01T10:00:00Z'); // the final is open
  for (const [i, [mentor, mentee]] of BIG.entries()) {
    await answerSurvey(url, mentor!, cohorts.big, 'final', 4, FEEDBACK_AFTER[i]!, PLANTED);
    await answerSurvey(url, mentee!, cohorts.big, 'final', 3, 3, PLANTED);
  }
  for (const u of SMALL.flat()) await answerSurvey(url, u, cohorts.small, 'final', 4, 4, PLANTED);
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
