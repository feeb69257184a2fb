import { strFromU8, unzipSync } from 'fflate';
import type { MySurveys } from '../../bot/src/contracts/evaluation-api';
import { EXPORT_AREAS } from '../../bot/src/contracts/data-rights';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Export my data (issue 17) on the real service and Azurite: one person's data is filled in
 * through the real routes and cards (an application with special-category answers, a pair
 * with goals, actions and reflections, a survey answer, an RSVP), then exported and unzipped:
 * every area is there, their own writing is, their partner's private reflection is not.
 */

const ADA: TeamsUser = { aadObjectId: 'e1700000-0000-4000-8000-000000000001', name: 'Ada Export' };
const BEN: TeamsUser = { aadObjectId: 'e1700000-0000-4000-8000-000000000002', name: 'Ben Partner' };
const ADA_REFLECTION = 'Ada’s own reflection: the rota board listens to nights';
const BEN_PRIVATE = 'Ben private: I am not sure the board will change';
const GOAL = 'Understand how the rota board decides cover';
const ACTION = 'Shadow the night sister on ward 7Q';
const SURVEY_HOPES = 'Ada hopes to learn how decisions land on wards';
const EVENT_TITLE = 'Programme induction EXPORT-1';

let harness: BotHarness;
let url: string;
const tokens: Record<string, string> = {};
let pairId = '';
let cohortId = '';
let benParticipantId = '';

async function exportOf(who: TeamsUser) {
  const response = await fetch(`${url}/api/me/data-export`, {
    headers: { authorization: `Bearer ${tokens[who.aadObjectId]}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/zip');
  expect(response.headers.get('content-disposition')).toContain('my-data.zip');
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  cohortId = await activePair(drive, url, ADA, BEN);
  for (const p of [ADA, BEN])
    tokens[p.aadObjectId] = await devToken(url, { userId: p.aadObjectId, name: p.name });
  tokens.coordinator = await devToken(url, COORDINATOR);
  const me = await call<{ memberships: { pair: { id: string } }[] }>(url, 'GET', '/api/me', {
    token: tokens[ADA.aadObjectId],
  });
  pairId = me.body.memberships[0]!.pair.id;

  // Goals and actions in the tab.
  const goal = await call(url, 'POST', `/api/pairs/${pairId}/goals`, {
    token: tokens[ADA.aadObjectId],
    json: { text: GOAL },
  });
  expect(goal.status).toBe(201);
  const action = await call(url, 'POST', `/api/pairs/${pairId}/actions`, {
    token: tokens[ADA.aadObjectId],
    json: { text: ACTION, owner: 'me', dueDate: '2027-04-01' },
  });
  expect(action.status).toBe(201);

  // A meeting held, then each partner's reflection in chat: Ben keeps his to himself.
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

  // An event and Ada's RSVP.
  const event = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    token: tokens.coordinator,
    json: {
      type: 'induction',
      title: EVENT_TITLE,
      start: '2027-03-15T09:30:00Z',
      end: '2027-03-15T11:00:00Z',
    },
  });
  expect(event.status).toBe(201);
  const rsvp = await call(url, 'PUT', `/api/cohorts/${cohortId}/events/${event.body.id}/rsvp`, {
    token: tokens[ADA.aadObjectId],
    json: { response: 'yes' },
  });
  expect(rsvp.status).toBe(200);

  // A peer support session, and its register: Ada attended, Ben did not.
  const session = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    token: tokens.coordinator,
    json: {
      type: 'peer_support',
      title: 'Peer support EXPORT-2',
      start: '2027-03-05T12:00:00Z',
      end: '2027-03-05T13:00:00Z',
    },
  });
  expect(session.status).toBe(201);
  await drive.setClock('2027-03-06T10:00:00Z');
  const register = `/api/cohorts/${cohortId}/events/${session.body.id}/attendance`;
  const people = await call<{ people: { participantId: string; displayName: string }[] }>(
    url,
    'GET',
    register,
    { token: tokens.coordinator },
  );
  expect(people.status).toBe(200);
  const idOf = (who: TeamsUser) =>
    people.body.people.find((p) => p.displayName === who.name)!.participantId;
  const marked = await call(url, 'PUT', register, {
    token: tokens.coordinator,
    json: {
      marks: [
        { participantId: idOf(ADA), attended: true },
        { participantId: idOf(BEN), attended: false },
      ],
    },
  });
  expect(marked.status).toBe(200);
  benParticipantId = idOf(BEN);

  // The baseline survey, answered in part.
  await drive.setClock('2027-03-10T10:00:00Z');
  const mine = await call<MySurveys>(url, 'GET', '/api/me/surveys', {
    token: tokens[ADA.aadObjectId],
  });
  const own = mine.body.surveys.find((s) => s.cohortId === cohortId)!;
  const saved = await call(url, 'PUT', `/api/me/surveys/${cohortId}/baseline`, {
    token: tokens[ADA.aadObjectId],
    json: {
      planVersion: own.planVersion,
      state: 'partial',
      answers: [{ itemId: 'hopes', kind: 'text', text: SURVEY_HOPES }],
    },
  });
  expect(saved.status).toBe(200);

  // An application to the next cohort, with special-category answers.
  const next = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: tokens.coordinator,
    json: { name: 'Autumn 2027 cohort', startDate: '2027-09-01', endDate: '2028-02-28' },
  });
  const apps = `/api/cohorts/${next.body.id}/applications`;
  const settings = await call(url, 'PUT', `/api/cohorts/${next.body.id}/application-settings`, {
    token: tokens.coordinator,
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
    token: tokens[ADA.aadObjectId],
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
    token: tokens[ADA.aadObjectId],
    json: { ethnicity: { value: 'black', consent: true } },
  });
  expect(sensitive.status).toBe(200);
}, 180_000);

afterAll(() => harness?.stop());

it('gives the person every area of their data, and never their partner’s private writing', async () => {
  const files = await exportOf(ADA);
  expect(Object.keys(files).sort()).toEqual(
    ['summary.txt', ...EXPORT_AREAS.map((a) => `${a}.json`)].sort(),
  );
  const json = (area: string) => JSON.parse(files[`${area}.json`]!) as Record<string, unknown[]>;

  expect(json('profile').Participants).toEqual([
    expect.objectContaining({ displayName: ADA.name }),
  ]);
  expect(json('memberships').Memberships!.length).toBeGreaterThan(0);
  expect(json('applications').Applications).toHaveLength(1);
  expect(files['applications.json']).toContain('black'); // her own special-category answer
  // The question held for her line manager about her application is hers to see too.
  expect(files['applications.json']).toContain('ask|lena.manager');
  expect(json('pair').Pairs).toHaveLength(1);
  const pair = files['pair.json']!;
  for (const text of [GOAL, ACTION, ADA_REFLECTION]) expect(pair).toContain(text);
  expect(pair).not.toContain(BEN_PRIVATE);
  expect(files['surveys.json']).toContain(SURVEY_HOPES);
  // Her RSVP and her own mark from the session's register; never Ben's mark.
  expect(json('rsvps').Events).toEqual([
    expect.objectContaining({ rowKey: expect.stringMatching(/^rsvp\|/) }),
    expect.objectContaining({ rowKey: expect.stringMatching(/^attendance\|/), attended: true }),
  ]);
  expect(files['rsvps.json']).not.toContain(benParticipantId);
  expect(json('audit')).toHaveProperty('AuditTrail');
  for (const area of EXPORT_AREAS) expect(files['summary.txt']).toContain(`${area}.json`);

  // Her partner's own export holds his reflection, and none of her special-category answers.
  const ben = await exportOf(BEN);
  expect(ben['pair.json']).toContain(BEN_PRIVATE);
  expect(ben['pair.json']).not.toContain(ADA_REFLECTION);
  expect(ben['applications.json']).not.toContain('black');
});

it('records the export in the audit trail, without any content', async () => {
  const trail = await call<{ entries: { action: string; actorId: string; changes: unknown[] }[] }>(
    url,
    'GET',
    '/api/audit',
    { token: tokens.coordinator },
  );
  const exported = trail.body.entries.filter((e) => e.action === 'data.exported');
  expect(exported.map((e) => e.actorId)).toEqual(
    expect.arrayContaining([ADA.aadObjectId, BEN.aadObjectId]),
  );
  expect(JSON.stringify(exported)).not.toContain(GOAL);
  expect(exported.every((e) => e.changes.length === 0)).toBe(true);
  // The audit entries about her are part of her next export.
  const again = await exportOf(ADA);
  expect(again['audit.json']).toContain('data.exported');
});

it('refuses an export without a sign-in', async () => {
  expect((await fetch(`${url}/api/me/data-export`)).status).toBe(401);
});

it('never gives a partner why the programme team paused their pair (the audit trail’s reason)', async () => {
  const REASON = 'Coordinator only: concerns raised about conduct on ward 7Q';
  const pairs = await call<{ pairs: { id: string; etag: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/pairs`,
    { token: tokens.coordinator },
  );
  const pair = pairs.body.pairs.find((p) => p.id === pairId)!;
  const paused = await call(url, 'POST', `/api/cohorts/${cohortId}/pairs/${pairId}/pause`, {
    token: tokens.coordinator,
    json: { reason: REASON },
    headers: { 'if-match': pair.etag },
  });
  expect(paused.status).toBe(200);
  for (const who of [ADA, BEN]) {
    const files = await exportOf(who);
    expect(Object.values(files).join('\n')).not.toContain(REASON);
  }
});
