import {
  type ApplicationReviewItem,
  type ApplicationReviewList,
  BULK_ATTENDANCE_MAX,
  type BulkAttendanceAnswer,
  type BulkDecisionAnswer,
} from '../../bot/src/contracts/application-review';
import type { AuditTrail } from '../../bot/src/contracts/audit';
import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import {
  type TeamsUser,
  installActivity,
  invokeActivity,
  personalConversationId,
  postActivity,
  postInvoke,
} from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Reviewing applications on the real service and Azurite (issue 15, items 3–4): the list with
 * filters, search and sort and never a special-category answer; decisions one by one and in
 * bulk, each guarded by the ETag read (a conflict reported, nothing overwritten); each applicant
 * told kindly in Teams, and someone not reachable yet told once they are; training attendance
 * making an accepted applicant ready for matching; and the line manager's card, answered end to
 * end through the bot by the named manager only, holding nothing else of the application.
 */

const person = (n: number, name: string) => ({
  userId: `d1500000-0000-4000-8000-00000000000${n}`,
  name,
});
const ADA = person(1, 'Ada Mensah');
const BEN = person(2, 'Ben Hartley');
const CARA = person(3, 'Cara Osei');
const LENA = person(4, 'Lena Manager');
const MO = person(5, 'Mo Supervisor');
const COORD = { userId: 'd1500000-0000-4000-8000-0000000000c1', name: 'Connie Ward' };
const EMAIL: Record<string, string> = {
  [ADA.userId]: 'ada.mensah@trust.nhs.uk',
  [BEN.userId]: 'ben.hartley@trust.nhs.uk',
  [CARA.userId]: 'cara.osei@trust.nhs.uk',
  [LENA.userId]: 'lena.manager@trust.nhs.uk',
  [MO.userId]: 'mo.supervisor@trust.nhs.uk',
};
const teams = (p: { userId: string; name: string }): TeamsUser => ({
  aadObjectId: p.userId,
  name: p.name,
});

/** Ada's answers, each a planted value that must never reach her line manager's card. */
const PLANT = {
  organisation: 'Plantedorg Infirmary',
  directorate: 'Plantedirectorate Medicine',
  location: 'Plantedlocation',
  notes: 'Plantednote about school holidays',
};
const ADA_SENSITIVE = {
  ethnicity: { value: 'black', consent: true },
  sexualOrientation: { value: 'bisexual', consent: true },
  religion: { value: 'sikh', consent: true },
};
const SENSITIVE_WORDS = [
  '"black"',
  'bisexual',
  'sikh',
  'sexualOrientation',
  'ethnicity',
  'religion',
];

const SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights', 'Caring responsibilities outside work', 'Early career'],
  requireTraining: true,
  awarenessEventIds: [] as string[],
};

const form = (over: Record<string, unknown>) => ({
  role: 'mentor',
  arrangement: 'reverse',
  band: 'Band 3',
  organisation: 'Leicester Royal Infirmary',
  directorate: 'Emergency medicine',
  lineManager: { name: 'Lena Manager', email: EMAIL[LENA.userId] },
  perspectivesShared: ['Working nights'],
  perspectivesWanted: ['Early career'],
  meetingMode: 'online',
  availability: ['tue-am', 'thu-pm'],
  consent: true,
  ...over,
});

let harness: BotHarness;
let url: string;
let cohortId: string;
const events: Record<string, string> = {};
const tokens: Record<string, string> = {};

const api = <T = Record<string, unknown>>(
  who: string,
  method: string,
  path: string,
  json?: unknown,
) => call<T>(url, method, path, { token: tokens[who], json });
const base = () => `/api/cohorts/${cohortId}/applications`;
const errorOf = (body: unknown) =>
  (body as { error: { code: string; message: string; details?: { fields?: { field: string }[] } } })
    .error;

async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const inbox = (p: { userId: string; name: string }) =>
  harness.connector.received.filter((r) => r.conversationId === personalConversationId(teams(p)));
const texts = (p: { userId: string; name: string }) => inbox(p).map((r) => visibleText(r.activity));

/** Registers the person's Teams roster entry (their email) in the programme's tenant. */
function onRoster(p: { userId: string; name: string }): void {
  harness.connector.addConversation({
    id: personalConversationId(teams(p)),
    tenantId: DEV_TENANT_ID,
    members: [
      {
        id: `29:${p.userId}`,
        name: p.name,
        aadObjectId: p.userId,
        email: EMAIL[p.userId],
        userPrincipalName: EMAIL[p.userId],
      } as { id: string; name: string },
    ],
  });
}

const inProgrammeTenant = <T extends { conversation: object }>(activity: T) => ({
  ...activity,
  conversation: { ...activity.conversation, tenantId: DEV_TENANT_ID },
  channelData: { tenant: { id: DEV_TENANT_ID } },
});

/** The person installs the app in Teams (in the programme's tenant, with their email on the roster). */
async function install(p: { userId: string; name: string }): Promise<void> {
  onRoster(p);
  const before = inbox(p).length;
  const activity = inProgrammeTenant(installActivity(harness.connector.serviceUrl, teams(p)));
  expect(await postActivity(url, activity)).toBe(200);
  await waitUntil(() => inbox(p).length > before, `${p.name}'s welcome`);
}

async function click(p: { userId: string; name: string }, data: Record<string, unknown>) {
  onRoster(p);
  const activity = inProgrammeTenant(
    invokeActivity(harness.connector.serviceUrl, teams(p), 'application.manager_answer', data),
  );
  const answer = await postInvoke(url, activity);
  expect(answer.status).toBe(200);
  return JSON.stringify(answer.body.value);
}

async function list(query = ''): Promise<ApplicationReviewList> {
  const read = await api<ApplicationReviewList>('COORD', 'GET', `${base()}${query}`);
  expect(read.status).toBe(200);
  return read.body;
}
const itemOf = async (p: { userId: string }) =>
  (await list()).applications.find((a) => a.applicationId === p.userId) as ApplicationReviewItem;

/** The card in the manager's chat that carries the answer buttons for this application. */
function managerCard(manager: { userId: string; name: string }, applicant: { userId: string }) {
  return inbox(manager)
    .map((r) => JSON.stringify(r.activity.attachments ?? []))
    .find((json) => json.includes('application.manager_answer') && json.includes(applicant.userId));
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  harness.service.parts.clock.set(new Date('2027-01-10T10:00:00Z'));
  tokens.admin = await devToken(url, COORDINATOR);
  const made = await api<{ id: string }>('admin', 'POST', '/api/cohorts', {
    name: 'Review cohort 2027',
    startDate: '2027-03-01',
    endDate: '2027-08-31',
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const granted = await api('admin', 'POST', '/api/roles', {
    role: 'coordinator',
    cohortId,
    userId: COORD.userId,
    name: COORD.name,
  });
  expect(granted.status).toBe(201);
  for (const p of [ADA, BEN, CARA, COORD]) {
    tokens[p.name] = await devToken(url, { ...p, email: EMAIL[p.userId] });
  }
  tokens.COORD = tokens[COORD.name]!;
  const event = async (type: string, title: string, start: string, audience = 'everyone') => {
    const end = new Date(Date.parse(start) + 3600_000).toISOString();
    const e = await api<{ id: string }>('COORD', 'POST', `/api/cohorts/${cohortId}/events`, {
      type,
      title,
      start,
      end,
      location: 'Teams',
      audience,
    });
    expect(e.status).toBe(201);
    return e.body.id;
  };
  events.awareness = await event('awareness_session', 'Awareness session', '2027-01-12T12:00:00Z');
  events.induction = await event('induction', 'Programme induction', '2027-02-03T10:00:00Z');
  events.training = await event(
    'mentor_training',
    'Mentor training day',
    '2027-02-10T10:00:00Z',
    'mentors',
  );
  const saved = await api(
    'COORD',
    'PUT',
    `/api/cohorts/${cohortId}/application-settings`,
    SETTINGS,
  );
  expect(saved.status).toBe(200);

  // Lena has the app already; Ada and Cara too. Ben and Mo have not opened it yet.
  await install(LENA);
  await install(ADA);
  await install(CARA);
  const mine = () => `${base()}/mine`;
  const submit = async (p: { name: string }, answers: Record<string, unknown>) => {
    const sent = await api(p.name, 'POST', `${mine()}/submit`, answers);
    expect(sent.status).toBe(200);
  };
  await submit(ADA, form(PLANT));
  const sensitive = await api(ADA.name, 'PUT', `${mine()}/sensitive`, ADA_SENSITIVE);
  expect(sensitive.status).toBe(200);
  harness.service.parts.clock.set(new Date('2027-01-11T10:00:00Z'));
  await submit(
    BEN,
    form({
      role: 'mentee',
      band: 'Band 9',
      organisation: 'Rutland Council',
      lineManager: { name: 'Mo Supervisor', email: EMAIL[MO.userId] },
    }),
  );
  harness.service.parts.clock.set(new Date('2027-01-12T10:00:00Z'));
  await submit(
    CARA,
    form({
      arrangement: 'reciprocal',
      organisation: 'Leicester Partnership',
      lineManager: { name: 'Pat Offline', email: 'pat.offline@trust.nhs.uk' },
    }),
  );
}, 600_000);

afterAll(() => harness?.stop());

describe('the line manager is asked, and only they can answer', () => {
  it('sends the card at once to a manager the app can reach, and holds it for one it cannot', async () => {
    await waitUntil(() => managerCard(LENA, ADA) !== undefined, 'Lena’s card');
    expect((await itemOf(ADA)).managerSupport).toBe('asked');
    expect((await itemOf(BEN)).managerSupport).toBe('asked');
    expect(inbox(MO)).toHaveLength(0);
    // Mo opens the app: Ben's question reaches him then.
    await install(MO);
    await waitUntil(() => managerCard(MO, BEN) !== undefined, 'Mo’s card');
  });

  it('shows the manager nothing else of the application (planted values searched)', () => {
    const card = managerCard(LENA, ADA)!;
    expect(card).toContain('Ada Mensah');
    expect(card).toContain('Review cohort 2027');
    expect(card).toContain('Programme induction');
    expect(card).toContain('Mentor training day');
    expect(card).not.toContain('Awareness session');
    const leaks = [
      ...Object.values(PLANT),
      ...SENSITIVE_WORDS,
      'Band 3',
      'Working nights',
      'Early career',
      'reverse',
      'tue-am',
      EMAIL[ADA.userId]!,
    ].filter((value) => card.includes(value));
    expect(leaks).toEqual([]);
  });

  it('refuses anyone but the named manager, changing nothing', async () => {
    const data = { cohortId, applicationId: ADA.userId, released: 'no' };
    for (const intruder of [ADA, CARA, MO]) {
      const answer = await click(intruder, data);
      expect(answer).toContain('not for you');
      expect(answer).not.toContain(PLANT.notes);
    }
    expect((await itemOf(ADA)).managerSupport).toBe('asked');
  });

  it('takes the named manager’s Yes from the card, end to end', async () => {
    const answer = await click(LENA, { cohortId, applicationId: ADA.userId, released: 'yes' });
    expect(answer).toContain('You said you can release Ada Mensah');
    expect((await itemOf(ADA)).managerSupport).toBe('released');
    expect((await itemOf(ADA)).managerAnswer).toEqual({
      released: true,
      answeredBy: 'manager',
      recordedByName: null,
      answeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      note: null,
    });
    // The coordinator cannot overwrite the manager's own answer.
    const over = await api('COORD', 'POST', `${base()}/${ADA.userId}/manager-answer`, {
      released: false,
    });
    expect(over.status).toBe(409);
    expect(errorOf(over.body).code).toBe('manager_answered');
    expect((await itemOf(ADA)).managerSupport).toBe('released');
  });

  it('lets the coordinator record the answer of a manager Teams cannot reach', async () => {
    const recorded = await api('COORD', 'POST', `${base()}/${CARA.userId}/manager-answer`, {
      released: true,
      note: 'Pat confirmed by phone',
    });
    expect(recorded.status).toBe(200);
    expect((await itemOf(CARA)).managerSupport).toBe('recorded-by-coordinator');
    // The answer itself, who recorded it and when: not only "recorded".
    expect((await itemOf(CARA)).managerAnswer).toEqual({
      released: true,
      answeredBy: 'coordinator',
      recordedByName: COORD.name,
      answeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      note: 'Pat confirmed by phone',
    });
    expect((await itemOf(BEN)).managerAnswer).toBeNull();
    const bad = await api('COORD', 'POST', `${base()}/${CARA.userId}/manager-answer`, {
      released: 'maybe',
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).details?.fields?.map((f) => f.field)).toEqual(['released']);
  });
});

describe('the coordinator’s list', () => {
  it('filters, searches and sorts, and never carries a special-category answer', async () => {
    const all = await list();
    expect(all.applications.map((a) => a.displayName)).toEqual([
      'Cara Osei',
      'Ben Hartley',
      'Ada Mensah',
    ]);
    expect(all.counts).toEqual({ submitted: 3 });
    expect(all.trainingEvents.map((e) => e.type).sort()).toEqual(['induction', 'mentor_training']);
    expect((await list('?role=mentee')).applications.map((a) => a.displayName)).toEqual([
      'Ben Hartley',
    ]);
    expect((await list('?arrangement=reciprocal')).applications).toHaveLength(1);
    expect((await list('?managerSupport=released')).applications).toHaveLength(1);
    expect((await list('?q=rutland')).applications.map((a) => a.displayName)).toEqual([
      'Ben Hartley',
    ]);
    expect((await list('?sort=name')).applications.map((a) => a.displayName)).toEqual([
      'Ada Mensah',
      'Ben Hartley',
      'Cara Osei',
    ]);
    const raw = JSON.stringify(all);
    expect(SENSITIVE_WORDS.filter((w) => raw.includes(w))).toEqual([]);
    const bad = await api('COORD', 'GET', `${base()}?status=maybe`);
    expect(bad.status).toBe(400);
  });
});

describe('decisions', () => {
  it('requires a reason to decline, beside the field', async () => {
    const ben = await itemOf(BEN);
    const refused = await api('COORD', 'POST', `${base()}/${BEN.userId}/decision`, {
      decision: 'decline',
      etag: ben.etag,
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body).details?.fields?.map((f) => f.field)).toEqual(['reason']);
  });

  it('accepts with the ETag read; a stale ETag is refused and nothing is overwritten', async () => {
    const read = await itemOf(ADA);
    const accepted = await api<{ etag: string; status: string }>(
      'COORD',
      'POST',
      `${base()}/${ADA.userId}/decision`,
      { decision: 'accept', etag: read.etag },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const stale = await api('COORD', 'POST', `${base()}/${ADA.userId}/decision`, {
      decision: 'decline',
      reason: 'Too late',
      etag: read.etag,
    });
    expect(stale.status).toBe(412);
    expect((await itemOf(ADA)).status).toBe('accepted');
  });

  it('decides in bulk, each item with its own result and conflicts reported', async () => {
    const ben = await itemOf(BEN);
    const cara = await itemOf(CARA);
    const ada = await itemOf(ADA);
    const bulk = await api<BulkDecisionAnswer>('COORD', 'POST', `${base()}/decisions`, {
      items: [
        {
          applicationId: BEN.userId,
          decision: 'decline',
          reason: 'We have more mentees than mentors this time',
          etag: ben.etag,
        },
        { applicationId: CARA.userId, decision: 'waitlist', etag: cara.etag },
        { applicationId: ADA.userId, decision: 'waitlist', etag: '"c3RhbGU"' },
        { applicationId: 'nobody-here', decision: 'accept', etag: ada.etag },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((r) => [r.applicationId, r.ok, r.ok ? r.status : r.code])).toEqual(
      [
        [BEN.userId, true, 'declined'],
        [CARA.userId, true, 'waitlisted'],
        [ADA.userId, false, 'invalid_body'],
        ['nobody-here', false, 'not_found'],
      ],
    );
    const racing = await api<BulkDecisionAnswer>('COORD', 'POST', `${base()}/decisions`, {
      items: [{ applicationId: CARA.userId, decision: 'accept', etag: cara.etag }],
    });
    expect(racing.body.results[0]).toMatchObject({ ok: false, code: 'conflict' });
    expect((await itemOf(CARA)).status).toBe('waitlisted');
    expect((await itemOf(ADA)).status).toBe('accepted');
  });

  it('tells each applicant kindly, and someone not reachable yet once they open the app', async () => {
    const adaBefore = texts(ADA).length;
    await call(url, 'POST', '/api/dev/run-jobs', { json: {} });
    await waitUntil(() => texts(ADA).length > adaBefore, 'Ada’s decision');
    expect(texts(ADA).at(-1)).toContain('Dear Ada, thank you for applying');
    await waitUntil(() => texts(CARA).some((t) => t.includes('waiting list')), 'Cara’s');
    // Ben has no chat with the app: his message waits, then goes when he installs it.
    expect(texts(BEN)).toEqual([]);
    await install(BEN);
    await call(url, 'POST', '/api/dev/run-jobs', { json: {} });
    await waitUntil(
      () => texts(BEN).some((t) => t.includes('Our reason: We have more mentees than mentors')),
      'Ben’s decision',
    );
    expect(texts(BEN).filter((t) => t.includes('Our reason'))).toHaveLength(1);
  });

  it('audits every decision with who made it', async () => {
    const trail = await api<AuditTrail>('admin', 'GET', '/api/audit');
    const decided = trail.body.entries.filter((e) => e.action === 'application.decided');
    expect(decided.map((e) => e.targetLabel).sort()).toEqual([
      'Ada Mensah',
      'Ben Hartley',
      'Cara Osei',
    ]);
    expect(decided.every((e) => e.actorId === COORD.userId)).toBe(true);
    const recorded = trail.body.entries.filter(
      (e) => e.action === 'application.manager_answer_recorded',
    );
    expect(recorded).toHaveLength(1);
  });
});

const attendanceOf = async (p: { userId: string }, eventId: string) =>
  (await itemOf(p)).attendance.find((a) => a.eventId === eventId);

describe('training attendance', () => {
  it('makes an accepted mentor ready for matching only after induction and mentor training', async () => {
    expect(await itemOf(ADA)).toMatchObject({ readyForMatching: false });
    const record = async (eventId: string, attended = true) =>
      api('COORD', 'PUT', `${base()}/${ADA.userId}/attendance`, {
        eventId,
        attended,
        etag: (await attendanceOf(ADA, eventId))?.etag ?? null,
      });
    expect((await record(events.induction!)).status).toBe(200);
    expect((await itemOf(ADA)).training).toMatchObject({
      complete: false,
      missing: ['Mentor training'],
    });
    expect((await list('?training=incomplete')).applications.map((a) => a.displayName)).toContain(
      'Ada Mensah',
    );
    const ready = () => harness.service.parts.review.review.readyForMatching(cohortId);
    expect([...(await ready())]).toEqual([]);
    expect((await record(events.training!)).status).toBe(200);
    expect(await itemOf(ADA)).toMatchObject({ readyForMatching: true });
    expect([...(await ready())]).toEqual([ADA.userId]);
    const notTraining = await record(events.awareness!);
    expect(notTraining.status).toBe(400);
    expect(errorOf(notTraining.body).details?.fields?.map((f) => f.field)).toEqual(['eventId']);
  });
});

describe('one training attendance, against the version read', () => {
  const put = (json: unknown) => api('COORD', 'PUT', `${base()}/${ADA.userId}/attendance`, json);

  it('refuses a record made meanwhile with 412 and the latest, keeping the colleague’s record', async () => {
    const induction = events.induction!;
    const read = (await attendanceOf(ADA, induction))!;
    expect(read).toMatchObject({ attended: true });
    // A colleague records, from the same reading, that Ada did not attend after all.
    const colleague = await put({ eventId: induction, attended: false, etag: read.etag });
    expect(colleague.status).toBe(200);
    const theirs = (colleague.body as { etag: string }).etag;
    expect(colleague.headers.get('etag')).toBe(theirs);
    expect(theirs).not.toBe(read.etag);

    // The coordinator saves what they read: refused, nothing overwritten, the latest shown.
    const mine = await put({ eventId: induction, attended: true, etag: read.etag });
    expect(mine.status).toBe(412);
    expect(errorOf(mine.body).code).toBe('conflict');
    expect((mine.body as { error: { current?: unknown } }).error.current).toMatchObject({
      eventId: induction,
      attended: false,
      etag: theirs,
    });
    expect(await attendanceOf(ADA, induction)).toMatchObject({ attended: false, etag: theirs });
    // "None recorded" when one was recorded is a conflict too.
    const none = await put({ eventId: induction, attended: true, etag: null });
    expect(none.status).toBe(412);
    expect(await attendanceOf(ADA, induction)).toMatchObject({ attended: false, etag: theirs });

    // Without a version, or with one the list never handed out: refused on the field.
    for (const etag of [undefined, '*', 'W/"x"']) {
      const bad = await put({ eventId: induction, attended: true, etag });
      expect(bad.status).toBe(400);
      expect(errorOf(bad.body).details?.fields?.map((f) => f.field)).toEqual(['etag']);
    }

    // Reloaded, the coordinator's record is saved against the latest version.
    const again = await put({ eventId: induction, attended: true, etag: theirs });
    expect(again.status).toBe(200);
    expect(await attendanceOf(ADA, induction)).toMatchObject({ attended: true });
  });
});

describe('training attendance in bulk', () => {
  const bulk = (json: unknown) =>
    api<BulkAttendanceAnswer>('COORD', 'POST', `${base()}/attendance`, json);
  const attendanceAt = async (p: { userId: string }, eventId: string) =>
    (await itemOf(p)).attendance.find((a) => a.eventId === eventId);
  const etagAt = async (p: { userId: string }, eventId: string) =>
    (await attendanceAt(p, eventId))?.etag ?? null;

  it('records one event for many, each against what was read: a conflict or a missing one is listed, nothing overwritten', async () => {
    const induction = events.induction!;
    // The coordinator reads the list: neither Ben nor Cara has an induction record yet.
    const read = { ben: await etagAt(BEN, induction), cara: await etagAt(CARA, induction) };
    expect(read).toEqual({ ben: null, cara: null });
    // Meanwhile a colleague records that Cara did not attend.
    const colleague = await api('COORD', 'PUT', `${base()}/${CARA.userId}/attendance`, {
      eventId: induction,
      attended: false,
      etag: null,
    });
    expect(colleague.status).toBe(200);
    const missing = 'd1500000-0000-4000-8000-0000000000ff';
    const answer = await bulk({
      eventId: induction,
      attended: true,
      items: [
        { applicationId: BEN.userId, etag: read.ben },
        { applicationId: CARA.userId, etag: read.cara },
        { applicationId: missing, etag: null },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ eventId: induction, recorded: 1, refused: 2 });
    expect(answer.body.results.map((r) => [r.applicationId, r.ok ? 'ok' : r.code])).toEqual([
      [BEN.userId, 'ok'],
      [CARA.userId, 'conflict'],
      [missing, 'not_found'],
    ]);
    // Ben is recorded; Cara keeps the colleague's record.
    expect(await attendanceAt(BEN, induction)).toMatchObject({ attended: true });
    expect(await attendanceAt(CARA, induction)).toMatchObject({ attended: false });
    expect((await itemOf(BEN)).training.attended).toContain(induction);

    // Read again, Cara's record is changed with the version now read.
    const again = await bulk({
      eventId: induction,
      attended: true,
      items: [{ applicationId: CARA.userId, etag: await etagAt(CARA, induction) }],
    });
    expect(again.body).toMatchObject({ recorded: 1, refused: 0 });
    expect(await attendanceAt(CARA, induction)).toMatchObject({ attended: true });
    // Ben's old version (before the bulk) is out of date now: refused, his record kept.
    const oldBen = (answer.body.results[0] as { etag: string }).etag;
    await bulk({
      eventId: induction,
      attended: false,
      items: [{ applicationId: BEN.userId, etag: oldBen }],
    });
    const stale = await bulk({
      eventId: induction,
      attended: true,
      items: [{ applicationId: BEN.userId, etag: oldBen }],
    });
    expect(stale.body.results[0]).toMatchObject({ ok: false, code: 'conflict' });
    expect(await attendanceAt(BEN, induction)).toMatchObject({ attended: false });

    const audit = await api<AuditTrail>('admin', 'GET', '/api/audit');
    const recorded = audit.body.entries.filter(
      (e) => e.action === 'application.attendance_recorded' && e.targetId === BEN.userId,
    );
    expect(recorded.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a bad body on its field: no applicant, too many, twice, or not a training event', async () => {
    const item = { applicationId: BEN.userId, etag: null };
    const fieldsOf = async (json: unknown) => {
      const res = await bulk(json);
      expect(res.status).toBe(400);
      return errorOf(res.body).details?.fields?.map((f) => f.field);
    };
    const one = { eventId: events.induction, attended: true };
    expect(await fieldsOf({ ...one, items: [] })).toEqual(['items']);
    const many = Array.from({ length: BULK_ATTENDANCE_MAX + 1 }, (_, i) => ({
      applicationId: `d1500000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      etag: null,
    }));
    expect(await fieldsOf({ ...one, items: many })).toEqual(['items']);
    expect(await fieldsOf({ ...one, items: [item, item] })).toEqual(['items']);
    expect(await fieldsOf({ ...one, attended: 'yes', items: [item] })).toEqual(['attended']);
    expect(await fieldsOf({ eventId: events.awareness, attended: true, items: [item] })).toEqual([
      'eventId',
    ]);
  });
});
