import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { SCREENSHOT_DIR, type BrowserSession, launchBrowser } from '../support/browser';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  answerSurvey,
  download,
  makeEvaluationCohort,
  personOf,
} from '../support/evaluation-cohorts';
import { COORDINATOR } from '../support/journey-fixture';
import { inkedPixels, renderPdf } from '../support/pdf-render';
import { call, devToken } from '../support/test-service';

/**
 * The sponsor's board-ready PDF in a real browser (issue 16): the sponsor of a cohort of four
 * people fetches the report from the running service; pdf.js (pdfjs-dist) in Chromium renders
 * its first page to a canvas, which must not be blank, and reads its text: the title is there,
 * the suppressed figures say "hidden", and no participant's name or answer appears anywhere.
 */

const person = (n: number, name: string) => personOf('e1900000', n, name);
const PAIRS = [
  [person(1, 'Zebedee Pennyworth'), person(2, 'Ottoline Marchbanks')],
  [person(3, 'Ignatius Fairweather'), person(4, 'Philippa Quenby')],
];
const SPONSOR = { userId: 'e1900000-0000-4000-8000-0000000005b1', name: 'Sunita Sponsor' };
const PLANTED = 'PLANTED-4K: I finally told the board what night shifts are like';

let harness: BotHarness;
let session: BrowserSession;
let url: string;
let cohortId = '';

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const u of PAIRS.flat()) await drive.install(u);
  const admin = await devToken(url, COORDINATOR);
  cohortId = await makeEvaluationCohort(url, admin, 'Board report pilot', PAIRS);
  const granted = await call(url, 'POST', '/api/roles', {
    token: admin,
    json: { role: 'sponsor', cohortId, userId: SPONSOR.userId, name: SPONSOR.name },
  });
  expect(granted.status).toBe(201);
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
  await drive.setClock('2027-03-02T10:00:00Z');
  for (const u of PAIRS.flat()) await answerSurvey(url, u, cohortId, 'baseline', 2, 2, PLANTED);
  await drive.setClock('2027-09-01T10:00:00Z');
  for (const u of PAIRS.flat()) await answerSurvey(url, u, cohortId, 'final', 4, 4, PLANTED);
  session = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await session?.close();
  await harness?.stop();
});

describe("the sponsor's board-ready PDF, rendered by pdf.js in Chromium", () => {
  it('draws a first page that is not blank, titled, with hidden figures and no names', async () => {
    const token = await devToken(url, SPONSOR);
    const pdf = await download(url, `/api/cohorts/${cohortId}/evaluation/report.pdf`, token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const rendered = await renderPdf(session.browser, pdf.bytes, 1);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(path.join(SCREENSHOT_DIR, 'evaluation-report-page-1.png'), rendered.png);

    // A4 at 1.5 × 72 dpi: 893 × 1263 pixels.
    const image = PNG.sync.read(rendered.png);
    expect([image.width, image.height]).toEqual([893, 1263]);
    const { inked, total } = inkedPixels(rendered.png);
    // Text, table bands and the chart's axis: well over 1% of the page is drawn on.
    expect(inked / total).toBeGreaterThan(0.01);

    expect(rendered.pages).toBeGreaterThanOrEqual(2);
    const text = rendered.text.replace(/\s+/g, ' ');
    expect(text).toContain('Reverse mentoring: evaluation report');
    expect(text).toContain('Board report pilot');
    expect(text).toContain('hidden: fewer than 5 people');
    expect(text).toContain('Method notes');
    expect(text).toContain('Wilcoxon signed-rank');
    expect(text).not.toContain('PLANTED');
    for (const u of PAIRS.flat()) {
      expect(text).not.toContain(u.name);
      expect(text).not.toContain(u.name.split(' ')[1]!);
    }
    expect(text).not.toContain(SPONSOR.name);
  });
});
