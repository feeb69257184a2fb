import { TableClient, TableServiceClient } from '@azure/data-tables';
import { strFromU8, unzipSync } from 'fflate';
import { DATA_MAP, mappedTables } from '../../bot/src/features/data-rights/domain/data-map';
import type { MySurveys } from '../../bot/src/contracts/evaluation-api';
import type { MyErasure, PendingErasures } from '../../bot/src/contracts/data-rights';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { createLogger } from '../../bot/src/platform/logger';
import { ErasureService } from '../../bot/src/features/data-rights/services/erasure-service';
import { ErasureRepository } from '../../bot/src/features/data-rights/store/erasure-repository';
import { PersonErasure } from '../../bot/src/features/data-rights/store/person-erasure';
import { PersonRows } from '../../bot/src/features/data-rights/store/person-rows';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Erase my data (issue 17) on the real service and Azurite. One person's data is filled in
 * through the real routes and cards (an application with special-category answers, a pair with
 * goals, actions and reflections, a survey answer, an RSVP, an announcement received and
 * acknowledged, an insight); they ask, a programme admin confirms, and then every table of
 * Azurite is read whole: nothing names them any more, their partner's own reflection is still
 * there, and their old token is refused (`erased`). A declined request erases nothing.
 */

const ADA: TeamsUser = {
  aadObjectId: 'e1710000-0000-4000-8000-000000000001',
  name: 'Ada Erasable',
};
const BEN: TeamsUser = { aadObjectId: 'e1710000-0000-4000-8000-000000000002', name: 'Ben Keeper' };
const ADA_EMAIL = 'ada1@trust.nhs.uk'; // as activePair's roster gives it
const ADA_REFLECTION = 'Ada’s own reflection: the rota board listens to nights';
const BEN_PRIVATE = 'Ben private: I am not sure the board will change';
const GOAL = 'Understand how the rota board decides cover';
const SURVEY_HOPES = 'Ada hopes to learn how decisions land on wards';
const INSIGHT = 'Nights see the board differently: we wrote this together';

let harness: BotHarness;
let url: string;
let nextCohortId = '';
const tokens: Record<string, string> = {};
let cohortId = '';
let pairId = '';
let register = '';
let benParticipantId = '';

const as = (who: string) => ({ token: tokens[who] });

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met');
}

/** Every entity of every table of the service's Azurite, as text, with its table's name. */
async function everyRow(): Promise<{ table: string; text: string }[]> {
  const service = TableServiceClient.fromConnectionString(harness.storage.connectionString, {
    allowInsecureConnection: true,
  });
  const out: { table: string; text: string }[] = [];
  for await (const table of service.listTables()) {
    const client = TableClient.fromConnectionString(harness.storage.connectionString, table.name!, {
      allowInsecureConnection: true,
    });
    for await (const row of client.listEntities()) {
      out.push({ table: table.name!, text: JSON.stringify(row) });
    }
  }
  return out;
}

/** The text of a table's rows. */
const tableText = (rows: { table: string; text: string }[], table: string) =>
  rows
    .filter((r) => r.table === table)
    .map((r) => r.text)
    .join('\n');

const MARKS = [ADA.aadObjectId, ADA_EMAIL, encodeURIComponent(ADA_EMAIL), ADA.name];
const naming = (rows: { table: string; text: string }[]) =>
  rows.filter((r) => MARKS.some((m) => r.text.toLowerCase().includes(m.toLowerCase())));

async function exportText(who: TeamsUser): Promise<string> {
  const response = await fetch(`${url}/api/me/data-export`, {
    headers: { authorization: `Bearer ${tokens[who.aadObjectId]}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

beforeAll(async () => {
  harness = await startBotHarness({
    COORDINATOR_IDS: COORDINATOR.userId,
    ANNOUNCE_POLL_MS: '50',
    ANNOUNCE_RATE_PER_SECOND: '40',
  });
  url = harness.service.url;
  const { drive } = harness;
  cohortId = await activePair(drive, url, ADA, BEN);
  for (const p of [ADA, BEN])
    tokens[p.aadObjectId] = await devToken(url, { userId: p.aadObjectId, name: p.name });
  tokens.admin = await devToken(url, COORDINATOR);
  const me = await call<{ memberships: { pair: { id: string } }[] }>(
    url,
    'GET',
    '/api/me',
    as(ADA.aadObjectId),
  );
  pairId = me.body.memberships[0]!.pair.id;

  // Goals and actions in the tab.
  expect(
    (
      await call(url, 'POST', `/api/pairs/${pairId}/goals`, {
        ...as(ADA.aadObjectId),
        json: { text: GOAL },
      })
    ).status,
  ).toBe(201);
  const action = await call(url, 'POST', `/api/pairs/${pairId}/actions`, {
    ...as(ADA.aadObjectId),
    json: { text: 'Shadow the night sister on ward 7Q', owner: 'me', dueDate: '2027-04-01' },
  });
  expect(action.status).toBe(201);

  // A meeting held, then each partner's own reflection in chat.
  await drive.setClock('2027-03-03T10:00:00Z');
  await drive.say(BEN, 'log meeting');
  await drive.click(BEN, 'meeting.log', {
    ...drive.actionData(BEN, 'meeting.log'),
    date: '2027-03-02',
    time: '10:00',
    minutes: '60',
  });
  await drive.runJobs();
  await drive.click(BEN, 'reflection.save', {
    ...drive.actionData(BEN, 'reflection.save'),
    outcome: 'held',
    minutes: '60',
    learned: BEN_PRIVATE,
    share: 'false',
  });
  await drive.setClock('2027-03-04T10:00:00Z');
  await drive.runJobs();
  await drive.click(ADA, 'reflection.save', {
    ...drive.actionData(ADA, 'reflection.save'),
    outcome: 'held',
    minutes: '60',
    learned: ADA_REFLECTION,
    share: 'false',
  });

  // An event and her RSVP.
  const event = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    ...as('admin'),
    json: {
      type: 'induction',
      title: 'Programme induction ERASE-1',
      start: '2027-03-15T09:30:00Z',
      end: '2027-03-15T11:00:00Z',
    },
  });
  expect(event.status).toBe(201);
  const rsvp = await call(url, 'PUT', `/api/cohorts/${cohortId}/events/${event.body.id}/rsvp`, {
    ...as(ADA.aadObjectId),
    json: { response: 'yes' },
  });
  expect(rsvp.status).toBe(200);

  // A peer support session, and its register: she attended, Ben did not.
  const session = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    ...as('admin'),
    json: {
      type: 'peer_support',
      title: 'Peer support ERASE-2',
      start: '2027-03-05T12:00:00Z',
      end: '2027-03-05T13:00:00Z',
    },
  });
  expect(session.status).toBe(201);
  await drive.setClock('2027-03-06T10:00:00Z');
  register = `/api/cohorts/${cohortId}/events/${session.body.id}/attendance`;
  const people = await call<{ people: { participantId: string; displayName: string }[] }>(
    url,
    'GET',
    register,
    as('admin'),
  );
  const idOf = (who: TeamsUser) =>
    people.body.people.find((p) => p.displayName === who.name)!.participantId;
  benParticipantId = idOf(BEN);
  const marked = await call(url, 'PUT', register, {
    ...as('admin'),
    json: {
      marks: [
        { participantId: idOf(ADA), attended: true },
        { participantId: benParticipantId, attended: false },
      ],
    },
  });
  expect(marked.status).toBe(200);

  // An announcement received, and her "Got it".
  const sent = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/announcements`, {
    ...as('admin'),
    json: { title: 'Please read ERASE-1', text: 'The new policy.', audience: 'cohort' },
  });
  expect(sent.status).toBe(201);
  await waitFor(
    () =>
      call<{ announcement: { status: string }; counts: { queued: number; sending: number } }>(
        url,
        'GET',
        `/api/cohorts/${cohortId}/announcements/${sent.body.id}`,
        as('admin'),
      ),
    (r) =>
      r.body.announcement.status === 'sent' && r.body.counts.queued + r.body.counts.sending === 0,
  );
  await drive.click(ADA, 'announcement.ack', { cohortId, announcementId: sent.body.id });

  // An insight written with her partner.
  const insight = await call(url, 'POST', '/api/me/insights', {
    ...as(ADA.aadObjectId),
    json: { cohortId, kind: 'insight', title: 'Who is in the room', text: INSIGHT },
  });
  expect(insight.status).toBe(201);

  // The baseline survey, answered in part.
  await drive.setClock('2027-03-10T10:00:00Z');
  const mine = await call<MySurveys>(url, 'GET', '/api/me/surveys', as(ADA.aadObjectId));
  const own = mine.body.surveys.find((s) => s.cohortId === cohortId)!;
  const saved = await call(url, 'PUT', `/api/me/surveys/${cohortId}/baseline`, {
    ...as(ADA.aadObjectId),
    json: {
      planVersion: own.planVersion,
      state: 'partial',
      answers: [{ itemId: 'hopes', kind: 'text', text: SURVEY_HOPES }],
    },
  });
  expect(saved.status).toBe(200);

  // An application to the next cohort, with special-category answers.
  const next = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    ...as('admin'),
    json: { name: 'Autumn 2027 cohort', startDate: '2027-09-01', endDate: '2028-02-28' },
  });
  nextCohortId = next.body.id;
  const apps = `/api/cohorts/${next.body.id}/applications`;
  const settings = await call(url, 'PUT', `/api/cohorts/${next.body.id}/application-settings`, {
    ...as('admin'),
    json: {
      opensAt: '2027-03-08T09:00',
      closesAt: '2027-04-29T17:00',
      ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 9'],
      minimumBandGap: 2,
      perspectives: ['Working nights'],
      requireTraining: false,
      awarenessEventIds: [],
    },
  });
  expect(settings.status).toBe(200);
  const applied = await call(url, 'POST', `${apps}/mine/submit`, {
    ...as(ADA.aadObjectId),
    json: {
      role: 'mentor',
      arrangement: 'reverse',
      band: 'Band 3',
      organisation: 'Leicester Royal Infirmary',
      directorate: 'Emergency medicine',
      lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
      perspectivesShared: ['Working nights'],
      perspectivesWanted: [],
      meetingMode: 'online',
      availability: ['tue-am'],
      consent: true,
    },
  });
  expect(applied.status).toBe(200);
  const sensitive = await call(url, 'PUT', `${apps}/mine/sensitive`, {
    ...as(ADA.aadObjectId),
    json: { ethnicity: { value: 'black', consent: true } },
  });
  expect(sensitive.status).toBe(200);

  // The programme team paused the pair: the audit entry names the pair by its partners' names.
  const pairs = await call<{ pairs: { id: string; etag: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/pairs`,
    as('admin'),
  );
  const pair = pairs.body.pairs.find((p) => p.id === pairId)!;
  const paused = await call(url, 'POST', `/api/cohorts/${cohortId}/pairs/${pairId}/pause`, {
    ...as('admin'),
    json: { reason: 'Ada is on leave for a month' },
    headers: { 'if-match': pair.etag },
  });
  expect(paused.status).toBe(200);

  // A coordinator's matching draft naming her beside Ben (drafts are read by cohort).
  await TableClient.fromConnectionString(harness.storage.connectionString, 'MatchingRuns', {
    allowInsecureConnection: true,
  }).upsertEntity({
    partitionKey: cohortId,
    rowKey: 'run:r000001',
    data: JSON.stringify({
      proposals: [{ mentor: { id: ADA.aadObjectId, name: ADA.name }, mentee: BEN.name }],
    }),
  });

  // She was there, in every area of her export, before anything is erased.
  expect(naming(await everyRow()).length).toBeGreaterThan(10);
}, 240_000);

/** Tables she has no row in, and why (every other table with an export area must have one). */
const NOT_IN_HER_STORY: Record<string, string> = {
  Roles: 'staff roles: she holds none',
  ReachAttempts: 'written only while the bot cannot reach someone',
  Erasures: 'her request is made by the tests below',
};

it('exports, before erasure, her rows from every table the data map says holds them', async () => {
  // The rest of what a person can leave: a calendar feed, interest in the next cohort, and the
  // programme team opening the applications list (an access entry about her).
  const feed = await call(url, 'POST', '/api/me/calendar-feed', as(ADA.aadObjectId));
  expect(feed.status).toBe(201);
  const interest = await call(
    url,
    'POST',
    `/api/cohorts/${cohortId}/next-cohort-interest`,
    as(ADA.aadObjectId),
  );
  expect(interest.status).toBe(200);
  const viewed = await call(url, 'GET', `/api/cohorts/${nextCohortId}/applications`, as('admin'));
  expect(viewed.status).toBe(200);

  const response = await fetch(`${url}/api/me/data-export`, {
    headers: { authorization: `Bearer ${tokens[ADA.aadObjectId]}` },
  });
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const empty = mappedTables().flatMap((key) => {
    const entry = DATA_MAP[key];
    if (!entry.exportArea) return [];
    const area = JSON.parse(strFromU8(files[`${entry.exportArea}.json`]!)) as Record<
      string,
      unknown[]
    >;
    return (area[entry.table]?.length ?? 0) > 0 ? [] : [entry.table];
  });
  expect(empty).toEqual(Object.keys(NOT_IN_HER_STORY));
});

afterAll(() => harness?.stop());

async function pending(): Promise<PendingErasures['requests']> {
  const list = await call<PendingErasures>(url, 'GET', '/api/admin/erasures', as('admin'));
  expect(list.status).toBe(200);
  return list.body.requests;
}

it('a declined request erases nothing, and the person is told why', async () => {
  const before = await exportText(BEN);
  const asked = await call<MyErasure>(url, 'POST', '/api/me/erasure', {
    ...as(BEN.aadObjectId),
    json: { reason: 'Ben changed his mind later' },
  });
  expect(asked.status).toBe(202);
  const request = (await pending()).find((r) => r.name === BEN.name)!;
  expect(JSON.stringify(request)).not.toContain('changed his mind'); // no content for admins
  const declined = await call<MyErasure>(url, 'POST', `/api/admin/erasures/${request.id}/decline`, {
    ...as('admin'),
    json: { reason: 'Ben asked us by phone to keep his data' },
    headers: { 'if-match': request.etag },
  });
  expect(declined.status).toBe(200);
  const mine = await call<MyErasure>(url, 'GET', '/api/me/erasure', as(BEN.aadObjectId));
  expect(mine.body.request).toMatchObject({
    state: 'declined',
    declineReason: 'Ben asked us by phone to keep his data',
  });
  expect((await call(url, 'GET', '/api/me', as(BEN.aadObjectId))).status).toBe(200);
  const after = await exportText(BEN);
  expect(after).toContain(BEN_PRIVATE);
  expect(after.length).toBeGreaterThanOrEqual(before.length - 10);
  expect((await pending()).map((r) => r.name)).not.toContain(BEN.name);
});

it('one open request per person: asking again answers the open one', async () => {
  const first = await call<MyErasure>(url, 'POST', '/api/me/erasure', {
    ...as(ADA.aadObjectId),
    json: {},
  });
  expect(first.status).toBe(202);
  expect(first.body.request).toMatchObject({ state: 'pending' });
  const second = await call<MyErasure>(url, 'POST', '/api/me/erasure', {
    ...as(ADA.aadObjectId),
    json: { reason: 'again' },
  });
  expect(second.body.request!.id).toBe(first.body.request!.id);
  expect((await pending()).filter((r) => r.name === ADA.name)).toHaveLength(1);
});

it('a run cut short by an outage has already shut her out, and confirming again finishes it', async () => {
  // The same erasure as the service runs, on the same Azurite, losing storage after 4 tables.
  const store = new TableStore({
    kind: 'connection-string',
    connectionString: harness.storage.connectionString,
  });
  const rows = new PersonRows(store);
  const erasure = new PersonErasure(store, rows);
  let done = 0;
  const cut = new ErasureService(
    new ErasureRepository(store),
    {
      resolve: (id) => rows.resolve(id),
      namesOf: async (p) =>
        (await rows.ports().participants.find(p)).map((r) => String(r.displayName)),
      tables: () => erasure.tables(),
      eraseTable: async (table, person) => {
        if (++done > 4) throw new Error('storage went away');
        return erasure.eraseTable(table, person);
      },
    },
    { record: async () => {} },
    () => new Date(),
    createLogger('silent'),
  );
  const request = (await pending()).find((r) => r.name === ADA.name)!;
  const admin = { userId: COORDINATOR.userId, name: COORDINATOR.name };
  const stored = (await new ErasureRepository(store).get(request.id))!;
  await expect(cut.confirm(request.id, stored.etag, admin)).rejects.toThrow('storage went away');

  const refused = await call<{ error: { code: string } }>(
    url,
    'GET',
    '/api/me',
    as(ADA.aadObjectId),
  );
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('erased');
  expect(naming(await everyRow()).length).toBeGreaterThan(0); // not finished yet
  expect((await pending()).find((r) => r.id === request.id)).toMatchObject({ state: 'erasing' });
});

it('once confirmed, no table of Azurite names her, her partner keeps his own writing, and her old token is refused', async () => {
  const request = (await pending()).find((r) => r.name === ADA.name)!;
  expect(request.state).toBe('erasing');
  const stale = await call(url, 'POST', `/api/admin/erasures/${request.id}/confirm`, {
    ...as('admin'),
    headers: { 'if-match': '"bm90LXRoaXMtb25l"' },
  });
  expect([412, 428]).toContain(stale.status);
  const confirmed = await call<MyErasure>(
    url,
    'POST',
    `/api/admin/erasures/${request.id}/confirm`,
    {
      ...as('admin'),
      headers: { 'if-match': request.etag },
    },
  );
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.request).toMatchObject({ state: 'erased' });

  const left = naming(await everyRow());
  expect(left.map((r) => `${r.table}: ${r.text}`)).toEqual([]);

  // Her partner's own reflection, their shared goal and the meeting count stay his.
  const ben = await exportText(BEN);
  expect(ben).toContain(BEN_PRIVATE);
  expect(ben).toContain(GOAL);
  expect(ben).not.toContain(ADA_REFLECTION);
  const rows = (await everyRow()).map((r) => r.text).join('\n');
  for (const gone of [ADA_REFLECTION, SURVEY_HOPES]) expect(rows).not.toContain(gone);
  expect(rows).toContain(INSIGHT); // written with Ben: his too
  // The coordinator's matching draft is kept, with her replaced and Ben still named.
  const draft = tableText(await everyRow(), 'MatchingRuns');
  expect(draft).toContain('Erased person');
  expect(draft).toContain(BEN.name);
  // Kept, anonymised: her participant row (so the cohort's counts add up) and the pair.
  const all = await everyRow();
  expect(all.some((r) => r.table === 'Participants' && r.text.includes('Erased person'))).toBe(
    true,
  );
  expect(all.some((r) => r.table === 'Pairs' && r.text.includes(pairId))).toBe(true);

  // The session's register keeps every mark (participant ids only): Ben's is untouched.
  const after = await call<{ people: { participantId: string; attended: boolean | null }[] }>(
    url,
    'GET',
    register,
    as('admin'),
  );
  expect(after.body.people.find((p) => p.participantId === benParticipantId)).toMatchObject({
    attended: false,
  });
  expect(after.body.people.filter((p) => p.attended === true)).toHaveLength(1);

  // The old token, and a new one for the same object id, are refused.
  for (const token of [
    tokens[ADA.aadObjectId]!,
    await devToken(url, { userId: ADA.aadObjectId, name: ADA.name }),
  ]) {
    // Her home (identity), and routes that read only the token (her export, her request).
    for (const path of ['/api/me', '/api/me/data-export', '/api/me/erasure', '/api/me/insights']) {
      const refused = await call<{ error: { code: string } }>(url, 'GET', path, { token });
      expect({ path, status: refused.status, code: refused.body.error?.code }).toEqual({
        path,
        status: 403,
        code: 'erased',
      });
    }
  }

  // The audit trail records it with a pseudonym, never her name.
  const trail = await call<{
    entries: { action: string; targetId: string; targetLabel: string }[];
  }>(url, 'GET', '/api/audit', as('admin'));
  const erasure = trail.body.entries.filter((e) => e.action.startsWith('data.erasure_'));
  expect(erasure.map((e) => e.action)).toEqual(
    expect.arrayContaining(['data.erasure_requested', 'data.erasure_confirmed']),
  );
  expect(erasure.every((e) => e.targetId.startsWith('erased:'))).toBe(true);
});
