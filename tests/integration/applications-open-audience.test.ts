import type { AnnouncementReport } from '../../bot/src/contracts/announcements';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * "Applications are open" as an announcement to the audience the coordinator chooses beside the
 * window (issue 15, item 1): the people of the cohorts they run (alumni of earlier cohorts
 * included), the next-cohort lists of those cohorts, or both; each person once; delivery
 * recorded per person; never a cohort the coordinator does not run, never a list not chosen.
 */

const user = (n: number, name: string): TeamsUser => ({
  aadObjectId: `f1500000-0000-4000-8000-00000000000${n}`,
  name,
});
const ALUM = user(1, 'Alum Earlier');
const KEEN = user(2, 'Keen Waiting');
const BOTH = user(3, 'Both Lists');
const OUTSIDER = user(4, 'Outsider Elsewhere');
const CONNIE = { userId: 'f1500000-0000-4000-8000-0000000000c1', name: 'Connie Ward' };
const EVERYONE = [ALUM, KEEN, BOTH, OUTSIDER];

let harness: BotHarness;
let url: string;
let admin: string;
let connie: string;
const cohorts: Record<'old' | 'fresh' | 'other', string> = { old: '', fresh: '', other: '' };

type Created = { id: string; error?: { details?: { fields?: { field: string }[] } } };
const announce = (cohortId: string, json: Record<string, unknown>, token = connie) =>
  call<Created>(url, 'POST', `/api/cohorts/${cohortId}/announcements`, { token, json });

const got = (p: TeamsUser, title: string) =>
  harness.connector
    .deliveredTo(p.aadObjectId)
    .filter((r) => visibleText(r.activity).includes(title)).length;

async function finished(cohortId: string, id: string): Promise<AnnouncementReport> {
  const until = Date.now() + 45_000;
  for (;;) {
    const r = await call<AnnouncementReport>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/announcements/${id}`,
      { token: connie },
    );
    expect(r.status).toBe(200);
    if (r.body.announcement.status === 'sent' && r.body.counts.queued === 0) return r.body;
    if (Date.now() > until) throw new Error(`not finished: ${JSON.stringify(r.body.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const email = (u: TeamsUser) => `${u.name.replace(' ', '.').toLowerCase()}@trust.nhs.uk`;

async function roster(cohortId: string, people: TeamsUser[]) {
  const rows = ['email,display_name,role,entra_object_id,partner_email'];
  for (const p of people) rows.push(`${email(p)},${p.name},mentor,${p.aadObjectId},`);
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: admin,
    body: rows.join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
}

beforeAll(async () => {
  harness = await startBotHarness({
    COORDINATOR_IDS: COORDINATOR.userId,
    ANNOUNCE_POLL_MS: '50',
    ANNOUNCE_RATE_PER_SECOND: '40',
  });
  url = harness.service.url;
  await harness.drive.setClock('2027-03-01T09:00:00Z');
  for (const p of EVERYONE) await harness.drive.install(p);
  admin = await devToken(url, COORDINATOR);
  const make = async (name: string) => {
    const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
      token: admin,
      json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    expect(made.status).toBe(201);
    return made.body.id;
  };
  cohorts.old = await make('Cohort 2026');
  cohorts.fresh = await make('Cohort 2027');
  cohorts.other = await make('Another trust’s cohort');
  for (const cohortId of [cohorts.old, cohorts.fresh]) {
    const granted = await call(url, 'POST', '/api/roles', {
      token: admin,
      json: { role: 'coordinator', cohortId, userId: CONNIE.userId, name: CONNIE.name },
    });
    expect(granted.status).toBe(201);
  }
  connie = await devToken(url, CONNIE);
  await roster(cohorts.old, [ALUM, BOTH]);
  await roster(cohorts.other, [OUTSIDER]);
  // Keen and Both asked to hear about the next cohort (on the old and the new cohort's lists).
  for (const [p, cohortId] of [
    [KEEN, cohorts.old],
    [BOTH, cohorts.fresh],
  ] as const) {
    const token = await devToken(url, { userId: p.aadObjectId, name: p.name });
    const asked = await call(url, 'POST', `/api/cohorts/${cohortId}/next-cohort-interest`, {
      token,
    });
    expect(asked.status).toBe(200);
  }
}, 180_000);

afterAll(() => harness?.stop());

const base = { text: 'Applications are open now. Open the app and choose Apply.' };

it('sends to the next-cohort lists only when only they are chosen', async () => {
  const title = 'Applications are open: Cohort 2027 (lists)';
  const sent = await announce(cohorts.fresh, {
    ...base,
    title,
    audience: 'applications_open',
    lists: ['next-cohort'],
  });
  expect(sent.status).toBe(201);
  const report = await finished(cohorts.fresh, sent.body.id);
  expect(report.counts).toMatchObject({ total: 2, sent: 2 });
  expect(report.announcement.lists).toEqual(['next-cohort']);
  expect(report.recipients.map((r) => r.displayName).sort()).toEqual([BOTH.name, KEEN.name]);
  expect(EVERYONE.map((p) => got(p, title))).toEqual([0, 1, 1, 0]);
});

it('adds the people of the cohorts the coordinator runs, each person once, never another cohort', async () => {
  const title = 'Applications are open: Cohort 2027 (everyone)';
  const sent = await announce(cohorts.fresh, {
    ...base,
    title,
    audience: 'applications_open',
    lists: ['cohorts', 'next-cohort'],
  });
  expect(sent.status).toBe(201);
  const report = await finished(cohorts.fresh, sent.body.id);
  expect(report.counts).toMatchObject({ total: 3, sent: 3 });
  // Alum (an earlier cohort), Keen (a list), Both (a cohort and a list: once); not the outsider.
  expect(EVERYONE.map((p) => got(p, title))).toEqual([1, 1, 1, 0]);
});

it('refuses an open call with nothing chosen, naming the field', async () => {
  const refused = await announce(cohorts.fresh, {
    ...base,
    title: 'Nothing chosen',
    audience: 'applications_open',
    lists: [],
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error?.details?.fields?.map((f) => f.field)).toEqual(['lists']);
  const noChannel = await announce(cohorts.fresh, {
    ...base,
    title: 'Channel only',
    audience: 'applications_open',
    lists: [],
    alsoInChannel: true,
  });
  expect(noChannel.status).toBe(400);
  expect(noChannel.body.error?.details?.fields?.map((f) => f.field)).toEqual(['alsoInChannel']);
});

it('lets only someone who runs the cohort announce it', async () => {
  const json = {
    ...base,
    title: 'Not theirs',
    audience: 'applications_open',
    lists: ['cohorts'],
  };
  expect((await announce(cohorts.other, json)).status).toBe(404);
  const mentor = await devToken(url, { userId: ALUM.aadObjectId, name: ALUM.name });
  expect((await announce(cohorts.fresh, json, mentor)).status).toBe(403);
  expect(EVERYONE.map((p) => got(p, 'Not theirs'))).toEqual([0, 0, 0, 0]);
});
