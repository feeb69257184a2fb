import { TableClient } from '@azure/data-tables';
import type { AuditEntry } from '../../bot/src/contracts/audit';
import type {
  ApplicationSettingsDetail,
  MyApplication,
  OpenApplications,
} from '../../bot/src/contracts/applications';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Applying to a cohort on the real service and Azurite (issue 15, items 1–2): the programme
 * team's settings (If-Match, audited), the open list, a draft saved between steps and guarded
 * by its ETag, submitting inside the window and refused after it with the date in words,
 * withdrawing, the next-cohort list, and special-category answers kept in their own table and
 * shown to nobody but their author.
 */

const ADA = { userId: 'c1500000-0000-4000-8000-000000000001', name: 'Ada Mensah' };
const BEN = { userId: 'c1500000-0000-4000-8000-000000000002', name: 'Ben Hartley' };
const CARA = { userId: 'c1500000-0000-4000-8000-000000000003', name: 'Cara Osei' };
const DEV = { userId: 'c1500000-0000-4000-8000-000000000004', name: 'Dev Raman' };
const COORD = { userId: 'c1500000-0000-4000-8000-0000000000c1', name: 'Connie Ward' };

let harness: BotHarness;
let url: string;
let cohortId: string;
let eventId: string;
const tokens: Record<string, string> = {};

const api = <T = Record<string, unknown>>(
  who: string,
  method: string,
  path: string,
  options: { json?: unknown; ifMatch?: string } = {},
) =>
  call<T>(url, method, path, {
    token: tokens[who],
    json: options.json,
    headers: options.ifMatch ? { 'if-match': options.ifMatch } : {},
  });

const fields = (body: unknown) =>
  (
    (body as { error?: { details?: { fields?: { field: string }[] } } }).error?.details?.fields ??
    []
  )
    .map((f) => f.field)
    .sort();
const errorOf = (body: unknown) =>
  (body as { error: { code: string; message: string } }).error ?? { code: '', message: '' };

const settingsPath = () => `/api/cohorts/${cohortId}/application-settings`;
const minePath = () => `/api/cohorts/${cohortId}/applications/mine`;

const SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights', 'Caring responsibilities outside work', 'Early career'],
  requireTraining: true,
  awarenessEventIds: [] as string[],
};

const FORM = {
  role: 'mentor',
  arrangement: 'reverse',
  band: 'Band 3',
  organisation: 'Leicester Royal Infirmary',
  directorate: 'Emergency medicine',
  lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
  perspectivesShared: ['Working nights'],
  perspectivesWanted: ['Early career'],
  meetingMode: 'in-person',
  location: 'Leicester',
  availability: ['tue-am', 'thu-pm'],
  notes: 'Not in the school holidays',
  consent: true,
};

/** Special-category answers planted for Ada: none may reach anyone but her. */
const ADA_SENSITIVE = {
  ethnicity: { value: 'black', consent: true },
  disability: { value: 'yes', consent: true },
  sexualOrientation: { value: 'bisexual', consent: true },
  religion: { value: 'sikh', consent: true },
};
const PLANTED = ['"black"', 'bisexual', 'sikh', 'sexualOrientation', 'ethnicity', 'religion'];

const setClock = (iso: string) => harness.service.parts.clock.set(new Date(iso));
const table = (name: string) =>
  TableClient.fromConnectionString(harness.storage.connectionString, name, {
    allowInsecureConnection: true,
  });

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  setClock('2026-12-14T10:00:00Z');
  tokens.admin = await devToken(url, COORDINATOR);
  const made = await api<{ id: string }>('admin', 'POST', '/api/cohorts', {
    json: { name: 'Cohort 2027', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const granted = await api('admin', 'POST', '/api/roles', {
    json: { role: 'coordinator', cohortId, userId: COORD.userId, name: COORD.name },
  });
  expect(granted.status).toBe(201);
  for (const [who, person] of Object.entries({ ADA, BEN, CARA, DEV, COORD })) {
    tokens[who] = await devToken(url, person);
  }
  const event = await api<{ id: string }>('admin', 'POST', `/api/cohorts/${cohortId}/events`, {
    json: {
      type: 'awareness_session',
      title: 'What is reverse mentoring? (awareness session)',
      start: '2027-01-06T12:00:00Z',
      end: '2027-01-06T13:00:00Z',
      location: 'Teams',
    },
  });
  expect(event.status).toBe(201);
  eventId = event.body.id;
}, 600_000);

afterAll(() => harness?.stop());

describe('application settings (coordinators)', () => {
  it('shows the defaults before the first save, and nobody can apply yet', async () => {
    const read = await api<ApplicationSettingsDetail>('COORD', 'GET', settingsPath());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ saved: false, nextCohortInterest: 0 });
    expect(read.body.settings.ladder[0]).toBe('Band 2');
    expect(read.body.settings.minimumBandGap).toBe(2);
    expect(read.body.etag).toBeUndefined();
    expect((await api('ADA', 'GET', minePath())).status).toBe(404);
    expect((await api('ADA', 'GET', settingsPath())).status).toBe(403);
  });

  it('refuses per field: a time the clocks skip, and an event not in the cohort’s calendar', async () => {
    const refused = await api('COORD', 'PUT', settingsPath(), {
      json: {
        ...SETTINGS,
        opensAt: '2027-03-28T01:30',
        closesAt: '2027-04-30T17:00',
        awarenessEventIds: ['no-such-event'],
      },
    });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(['awarenessEventIds.0', 'opensAt']);
    expect(errorOf(refused.body).message).toMatch(/does not exist in Europe\/London/);
  });

  it('saves first without If-Match, then only with the current ETag; each change audited', async () => {
    const first = await api<ApplicationSettingsDetail>('COORD', 'PUT', settingsPath(), {
      json: { ...SETTINGS, awarenessEventIds: [eventId] },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(first.body.etag);
    expect(first.body.window).toMatchObject({
      state: 'upcoming',
      closesWords: 'Friday 29 January 2027 at 17:00 (Europe/London)',
    });
    // A second "first save" would overwrite: it must name the version it read.
    expect((await api('COORD', 'PUT', settingsPath(), { json: SETTINGS })).status).toBe(428);
    const changed = await api<ApplicationSettingsDetail>('COORD', 'PUT', settingsPath(), {
      json: { ...SETTINGS, awarenessEventIds: [eventId], requireTraining: false },
      ifMatch: first.body.etag,
    });
    expect(changed.status).toBe(200);
    const stale = await api('COORD', 'PUT', settingsPath(), {
      json: { ...SETTINGS, minimumBandGap: 1 },
      ifMatch: first.body.etag,
    });
    expect(stale.status).toBe(412);
    const read = await api<ApplicationSettingsDetail>('COORD', 'GET', settingsPath());
    expect(read.body.settings).toMatchObject({ minimumBandGap: 2, requireTraining: false });
    const trail = await api<{ entries: AuditEntry[] }>(
      'admin',
      'GET',
      `/api/audit?cohortId=${cohortId}`,
    );
    const entries = trail.body.entries.filter(
      (e) => e.action === 'cohort.application_settings_updated',
    );
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: COORD.userId, targetId: cohortId });
    expect(entries[0]!.changes).toEqual([
      { field: 'requireTraining', before: 'true', after: 'false' },
    ]);
  });
});

describe('applying', () => {
  it('lists the cohort as open only inside the window, with the dates in words', async () => {
    const before = await api<OpenApplications>('ADA', 'GET', '/api/applications/open');
    expect(before.body.cohorts.map((c) => c.cohortId)).not.toContain(cohortId);
    setClock('2027-01-10T12:00:00Z');
    const open = await api<OpenApplications>('ADA', 'GET', '/api/applications/open');
    expect(open.body.cohorts.find((c) => c.cohortId === cohortId)).toMatchObject({
      cohortName: 'Cohort 2027',
      window: { state: 'open', opensWords: 'Monday 4 January 2027 at 09:00 (Europe/London)' },
    });
  });

  it('saves a draft between steps, guarded by its ETag: a stale tab never overwrites', async () => {
    const first = await api<MyApplication>('ADA', 'PUT', `${minePath()}/draft`, {
      json: { role: 'mentor', band: 'Band 3', lineManager: { name: 'Lena Manager' } },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'draft', answers: { role: 'mentor' } });
    const second = await api<MyApplication>('ADA', 'PUT', `${minePath()}/draft`, {
      json: {
        organisation: 'Leicester Royal Infirmary',
        lineManager: { email: 'Lena.Manager@trust.nhs.uk' },
      },
      ifMatch: first.body.etag,
    });
    expect(second.status).toBe(200);
    // A second tab still holding the first ETag is refused, with the saved version to show.
    const stale = await api<{ error: { current?: { value: MyApplication } } }>(
      'ADA',
      'PUT',
      `${minePath()}/draft`,
      { json: { organisation: 'Overwritten' }, ifMatch: first.body.etag },
    );
    expect(stale.status).toBe(412);
    expect(
      (await api('ADA', 'PUT', `${minePath()}/draft`, { json: { role: 'mentee' } })).status,
    ).toBe(428);
    const invalid = await api('ADA', 'PUT', `${minePath()}/draft`, {
      json: { band: 'Band 1', availability: ['sun-am'] },
      ifMatch: second.body.etag,
    });
    expect(invalid.status).toBe(400);
    expect(fields(invalid.body)).toEqual(['availability.0', 'band']);
    const mine = await api<MyApplication>('ADA', 'GET', minePath());
    expect(mine.body.answers).toEqual({
      role: 'mentor',
      band: 'Band 3',
      organisation: 'Leicester Royal Infirmary',
      lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
    });
    expect(mine.body.etag).toBe(second.body.etag);
    expect(mine.body.form.ladder).toEqual(SETTINGS.ladder);
  });

  it('submits only a whole application, naming each missing field', async () => {
    const etag = (await api<MyApplication>('ADA', 'GET', minePath())).body.etag!;
    const partial = await api('ADA', 'POST', `${minePath()}/submit`, { ifMatch: etag });
    expect(partial.status).toBe(400);
    expect(fields(partial.body)).toEqual(
      [
        'arrangement',
        'availability',
        'consent',
        'directorate',
        'meetingMode',
        'perspectivesShared',
        'perspectivesWanted',
      ].sort(),
    );
    const sent = await api<MyApplication>('ADA', 'POST', `${minePath()}/submit`, {
      json: { ...FORM, band: undefined, organisation: undefined },
      ifMatch: etag,
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      status: 'submitted',
      statusWords: expect.stringMatching(/Sent/),
    });
    expect(sent.body.answers).toMatchObject({
      band: 'Band 3',
      location: 'Leicester',
      consent: true,
    });
    // Once sent, the draft is no longer edited in place.
    const edit = await api('ADA', 'PUT', `${minePath()}/draft`, {
      json: { band: 'Band 5' },
      ifMatch: sent.body.etag,
    });
    expect(edit.status).toBe(409);
  });

  it('sends in one go from the tab (no draft saved first)', async () => {
    const sent = await api<MyApplication>('BEN', 'POST', `${minePath()}/submit`, {
      json: { ...FORM, role: 'mentee', band: 'Band 9', meetingMode: 'online', location: undefined },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('submitted');
  });

  it('refuses after the closing date with the date in words, and keeps the next-cohort list', async () => {
    await api('CARA', 'PUT', `${minePath()}/draft`, { json: { role: 'mentee' } });
    setClock('2027-01-29T17:00:00Z'); // 17:00 GMT: the closing minute
    const late = await api('CARA', 'POST', `${minePath()}/submit`, {
      json: FORM,
      ifMatch: (await api<MyApplication>('CARA', 'GET', minePath())).body.etag!,
    });
    expect(late.status).toBe(409);
    expect(errorOf(late.body)).toEqual({
      code: 'applications_closed',
      message: expect.stringContaining('closed on Friday 29 January 2027 at 17:00 (Europe/London)'),
    });
    const open = await api<OpenApplications>('DEV', 'GET', '/api/applications/open');
    expect(open.body.cohorts.map((c) => c.cohortId)).not.toContain(cohortId);

    for (const who of ['CARA', 'DEV']) {
      const asked = await api(who, 'POST', `/api/cohorts/${cohortId}/next-cohort-interest`);
      expect(asked.body).toEqual({ cohortId, interested: true });
    }
    await api('DEV', 'POST', `/api/cohorts/${cohortId}/next-cohort-interest`); // twice counts once
    const count = async () =>
      (await api<ApplicationSettingsDetail>('COORD', 'GET', settingsPath())).body
        .nextCohortInterest;
    expect(await count()).toBe(2);
    expect(
      (await api('DEV', 'DELETE', `/api/cohorts/${cohortId}/next-cohort-interest`)).status,
    ).toBe(200);
    expect(await count()).toBe(1);
    expect((await api<MyApplication>('CARA', 'GET', minePath())).body.nextCohortInterest).toBe(
      true,
    );
    setClock('2027-01-10T12:00:00Z');
  });

  it('refuses an application to a cohort that has closed, even inside its window', async () => {
    const made = await api<{ id: string }>('admin', 'POST', '/api/cohorts', {
      json: { name: 'Cohort closing early', startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    const path = `/api/cohorts/${made.body.id}`;
    expect(
      (await api('admin', 'PUT', `${path}/application-settings`, { json: SETTINGS })).status,
    ).toBe(200);
    const { etag } = (await api<{ etag: string }>('admin', 'GET', path)).body;
    const closed = await api('admin', 'POST', `${path}/close`, { ifMatch: etag });
    expect(closed.status).toBe(200);
    const sent = await api('DEV', 'POST', `${path}/applications/mine/submit`, { json: FORM });
    expect(sent.status).toBe(409);
    expect(errorOf(sent.body).code).toBe('cohort_closed');
    const open = await api<OpenApplications>('DEV', 'GET', '/api/applications/open');
    expect(open.body.cohorts.map((c) => c.cohortId)).not.toContain(made.body.id);
  });

  it('withdraws without a reason, and withdrawing twice is no error', async () => {
    const out = await api<MyApplication>('BEN', 'POST', `${minePath()}/withdraw`);
    expect(out.status).toBe(200);
    expect(out.body.status).toBe('withdrawn');
    const again = await api<MyApplication>('BEN', 'POST', `${minePath()}/withdraw`, {
      json: { reason: 'Changed roles' },
    });
    expect(again.body.status).toBe('withdrawn');
    expect((await api('DEV', 'POST', `${minePath()}/withdraw`)).status).toBe(404);
  });
});

describe('special-category answers', () => {
  it('need their own consent, and come back only to their author', async () => {
    const unconsented = await api('ADA', 'PUT', `${minePath()}/sensitive`, {
      json: { ethnicity: { value: 'black', consent: false } },
    });
    expect(unconsented.status).toBe(400);
    expect(fields(unconsented.body)).toEqual(['ethnicity.consent']);
    const saved = await api('ADA', 'PUT', `${minePath()}/sensitive`, { json: ADA_SENSITIVE });
    expect(saved.status).toBe(200);
    expect((await api<MyApplication>('ADA', 'GET', minePath())).body.sensitive.answers).toEqual(
      ADA_SENSITIVE,
    );
    // Ben, in the same cohort, answers the same religion: his answers, and only his, come back.
    await api('BEN', 'PUT', `${minePath()}/sensitive`, {
      json: {
        religion: { value: 'sikh', consent: true },
        ethnicity: { value: 'prefer-not-to-say', consent: true },
      },
    });
    const bens = await api<MyApplication>('BEN', 'GET', minePath());
    expect(bens.body.sensitive.answers).toEqual({
      religion: { value: 'sikh', consent: true },
      ethnicity: { value: 'prefer-not-to-say', consent: true },
    });
    expect(JSON.stringify(bens.body)).not.toMatch(/bisexual|"black"|sexualOrientation/);
  });

  it('never reach a coordinator, another applicant or the audit trail', async () => {
    const bodies = [
      ...(await Promise.all(
        ['COORD', 'admin'].flatMap((who) => [
          api(who, 'GET', settingsPath()),
          api(who, 'GET', `/api/cohorts/${cohortId}/participants`),
          api(who, 'GET', `/api/cohorts/${cohortId}`),
        ]),
      )),
      await api('admin', 'GET', `/api/audit?cohortId=${cohortId}`),
      await api('CARA', 'GET', minePath()),
      await api('DEV', 'GET', minePath()),
      await api('DEV', 'GET', '/api/applications/open'),
      await api('COORD', 'GET', `${minePath()}`), // the coordinator's own (empty) application
    ];
    for (const answer of bodies) {
      const text = JSON.stringify(answer.body);
      for (const planted of PLANTED)
        expect({
          status: answer.status,
          leaked: text.includes(planted) ? planted : '',
        }).toMatchObject({ leaked: '' });
    }
  });

  it('are stored apart from the application, and matching gets opaque tokens, never values', async () => {
    const appRow = await table('Applications').getEntity<{ data: string }>(cohortId, ADA.userId);
    for (const planted of ['bisexual', 'sikh', 'sexualOrientation']) {
      expect(appRow.data).not.toContain(planted);
    }
    const sensitiveRow = await table('ApplicationSensitive').getEntity<{ data: string }>(
      cohortId,
      `answers|${ADA.userId}`,
    );
    expect(sensitiveRow.data).toContain('bisexual');

    const { sensitive, matching } = harness.service.parts.applications;
    const ada = await sensitive.livedExperienceTokens(cohortId, ADA.userId);
    const ben = await sensitive.livedExperienceTokens(cohortId, BEN.userId);
    expect(ada).toHaveLength(4);
    expect(ben).toHaveLength(1); // "prefer not to say" gives no token
    expect(ada.filter((t) => ben.includes(t))).toEqual(ben); // the same religion, the same token
    expect(ada.join(' ')).not.toMatch(/black|yes|bisexual|sikh/);
    expect(ada.map((t) => t.split(':')[0]).sort()).toEqual(
      ['disability', 'ethnicity', 'religion', 'sexualOrientation'].sort(),
    );

    // Review (C2) accepts people; here Ada's row is moved to accepted directly.
    const stored = JSON.parse(appRow.data) as Record<string, unknown>;
    await table('Applications').updateEntity(
      {
        partitionKey: cohortId,
        rowKey: ADA.userId,
        status: 'accepted',
        data: JSON.stringify({ ...stored, status: 'accepted' }),
      },
      'Replace',
    );
    const pool = await matching.acceptedForMatching(cohortId);
    expect(pool).toEqual([
      {
        applicantId: ADA.userId,
        aadObjectId: ADA.userId,
        name: ADA.name,
        role: 'mentor',
        arrangement: 'reverse',
        bandIndex: 0,
        organisation: 'Leicester Royal Infirmary',
        lineManagerEmail: 'lena.manager@trust.nhs.uk',
        perspectivesShared: ['Working nights'],
        perspectivesWanted: ['Early career'],
        meetingMode: 'in-person',
        location: 'Leicester',
        availability: ['tue-am', 'thu-pm'],
        livedExperienceTokens: ada,
      },
    ]);
  });

  it('are deleted on request', async () => {
    const gone = await api('ADA', 'DELETE', `${minePath()}/sensitive`);
    expect(gone.body).toEqual({ cohortId, answers: {} });
    expect((await api<MyApplication>('ADA', 'GET', minePath())).body.sensitive.answers).toEqual({});
    expect(
      await harness.service.parts.applications.sensitive.livedExperienceTokens(
        cohortId,
        ADA.userId,
      ),
    ).toEqual([]);
  });
});
