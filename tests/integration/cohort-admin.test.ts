import type { AuditEntry } from '../../bot/src/contracts/audit';
import type { CohortParticipant, PairStateView } from '../../bot/src/contracts/cohorts';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Running a cohort from the API (issue 14, items 1 and 2): a cohort edited, closed and archived;
 * people added, corrected, removed and moved; pairs made, paused, resumed and ended. Each change
 * is validated per field, guarded by If-Match (428 without, 412 when stale, nothing changed),
 * recorded in the audit trail, and scoped: a coordinator of another cohort gets 404.
 */

const ADA = { aadObjectId: 'c1400000-0000-4000-8000-000000000001', name: 'Ada Mensah' };
const BEN = { aadObjectId: 'c1400000-0000-4000-8000-000000000002', name: 'Ben Hartley' };
const CARA = { aadObjectId: 'c1400000-0000-4000-8000-000000000003', name: 'Cara Osei' };
const DAN = { aadObjectId: 'c1400000-0000-4000-8000-000000000004', name: 'Dan Whitfield' };
/** A coordinator of cohort A only. */
const COORD_A = { userId: 'c1400000-0000-4000-8000-0000000000a1', name: 'Connie Ward' };
/** A coordinator of cohort B only. */
const COORD_B = { userId: 'c1400000-0000-4000-8000-0000000000b1', name: 'Bola Ade' };

let harness: BotHarness;
let url: string;
let cohortA: string;
let cohortB: string;
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

const people = async (cohortId: string) =>
  (
    await api<{ participants: CohortParticipant[] }>(
      'admin',
      'GET',
      `/api/cohorts/${cohortId}/participants`,
    )
  ).body.participants;
const pairs = async (cohortId: string) =>
  (await api<{ pairs: PairStateView[] }>('admin', 'GET', `/api/cohorts/${cohortId}/pairs`)).body
    .pairs;
const cohortEtag = async (cohortId: string) =>
  (await api<{ etag: string }>('admin', 'GET', `/api/cohorts/${cohortId}`)).body.etag;
const audit = async (cohortId: string) =>
  (await api<{ entries: AuditEntry[] }>('admin', 'GET', `/api/audit?cohortId=${cohortId}`)).body
    .entries;
const fields = (body: unknown) =>
  (
    (body as { error?: { details?: { fields?: { field: string }[] } } }).error?.details?.fields ??
    []
  )
    .map((f) => f.field)
    .sort();

const settings = {
  name: 'Cohort A, renamed',
  startDate: '2027-03-01',
  endDate: '2027-08-31',
  timeZone: 'Europe/Dublin',
  workingHours: { startHour: 8, endHour: 16, days: [1, 2, 3, 4] },
  cadence: { frequency: 'monthly', plannedMeetings: 6, minimumMeetings: 3, minimumMinutes: 60 },
  arrangements: ['reverse'],
};

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  cohortA = await activePair(harness.drive, url, ADA, BEN);
  cohortB = await activePair(harness.drive, url, CARA, DAN);
  tokens.admin = await devToken(url, COORDINATOR);
  for (const [who, person, cohortId] of [
    ['coordA', COORD_A, cohortA],
    ['coordB', COORD_B, cohortB],
  ] as const) {
    const granted = await call(url, 'POST', '/api/roles', {
      token: tokens.admin,
      json: { role: 'coordinator', cohortId, userId: person.userId, name: person.name },
    });
    expect(granted.status).toBe(201);
    tokens[who] = await devToken(url, person);
  }
}, 600_000);

afterAll(() => harness?.stop());

describe('editing a cohort (PUT /api/cohorts/:cohortId)', () => {
  it('refuses without If-Match (428), per field when invalid (400), stale (412); a coordinator of another cohort gets 404', async () => {
    const path = `/api/cohorts/${cohortA}`;
    const etag = await cohortEtag(cohortA);
    expect((await api('coordA', 'PUT', path, { json: settings })).status).toBe(428);
    const invalid = await api('coordA', 'PUT', path, {
      ifMatch: etag,
      json: {
        ...settings,
        endDate: '2027-02-01',
        timeZone: 'Mars/Olympus',
        workingHours: { startHour: 17, endHour: 9, days: [] },
        arrangements: [],
      },
    });
    expect(invalid.status).toBe(400);
    expect(fields(invalid.body)).toEqual(
      ['arrangements', 'endDate', 'timeZone', 'workingHours.days', 'workingHours.endHour'].sort(),
    );
    expect((await api('coordB', 'PUT', path, { ifMatch: etag, json: settings })).status).toBe(404);
    expect(await cohortEtag(cohortA)).toBe(etag); // nothing changed
  });

  it('saves with the current ETag, audits before → after, and refuses the old ETag afterwards', async () => {
    const path = `/api/cohorts/${cohortA}`;
    const etag = await cohortEtag(cohortA);
    const saved = await api<{ etag: string; timeZone: string; arrangements: string[] }>(
      'coordA',
      'PUT',
      path,
      { ifMatch: etag, json: settings },
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ timeZone: 'Europe/Dublin', arrangements: ['reverse'] });
    expect(saved.headers.get('etag')).toBe(saved.body.etag);
    const stale = await api('coordA', 'PUT', path, {
      ifMatch: etag,
      json: { ...settings, name: 'Overwritten by a stale form' },
    });
    expect(stale.status).toBe(412);
    const read = await api<{ name: string; workingHours: unknown }>('admin', 'GET', path);
    expect(read.body).toMatchObject({ name: settings.name, workingHours: settings.workingHours });
    const entry = (await audit(cohortA)).find((e) => e.action === 'cohort.updated')!;
    expect(entry).toMatchObject({ actorId: COORD_A.userId, actorName: COORD_A.name });
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Cohort 1', after: settings.name },
        { field: 'timeZone', before: 'Europe/London', after: 'Europe/Dublin' },
      ]),
    );
  });
});

describe('people (POST, PUT, DELETE /api/cohorts/:cohortId/participants…, …/move)', () => {
  let eveId = '';

  it('adds a participant, refusing each invalid field and an email already in the cohort', async () => {
    const path = `/api/cohorts/${cohortA}/participants`;
    const invalid = await api('coordA', 'POST', path, {
      json: { displayName: '', email: 'not-an-email', role: 'boss', band: 'x'.repeat(41) },
    });
    expect(invalid.status).toBe(400);
    expect(fields(invalid.body)).toEqual(['band', 'displayName', 'email', 'role']);
    const adaEmail = (await people(cohortA)).find((p) => p.displayName === ADA.name)!.email;
    const taken = await api('coordA', 'POST', path, {
      json: { displayName: 'Someone', email: adaEmail, role: 'mentor' },
    });
    expect(taken.status).toBe(400);
    expect(fields(taken.body)).toEqual(['email']);
    expect(
      (
        await api('coordB', 'POST', path, {
          json: { displayName: 'X', email: 'x@trust.nhs.uk', role: 'mentor' },
        })
      ).status,
    ).toBe(404);

    const added = await api<CohortParticipant>('coordA', 'POST', path, {
      json: {
        displayName: 'Eve Nwosu',
        email: 'Eve.Nwosu@trust.nhs.uk',
        role: 'mentor',
        jobTitle: 'Staff nurse',
        band: 'Band 5',
      },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      email: 'eve.nwosu@trust.nhs.uk',
      band: 'Band 5',
      pairId: null,
    });
    eveId = added.body.id;
    const entry = (await audit(cohortA)).find((e) => e.action === 'participant.added')!;
    expect(entry).toMatchObject({
      targetId: eveId,
      targetLabel: 'Eve Nwosu',
      actorId: COORD_A.userId,
    });
  });

  it('edits with If-Match: fields before → after in the audit; a stale ETag is 412 and changes nothing', async () => {
    const eve = (await people(cohortA)).find((p) => p.id === eveId)!;
    const path = `/api/cohorts/${cohortA}/participants/${eveId}`;
    const change = {
      displayName: 'Eve Nwosu-Grant',
      email: 'eve.nwosu@trust.nhs.uk',
      jobTitle: 'Senior staff nurse',
      organisation: 'Leicester Royal',
      band: 'Band 6',
    };
    expect((await api('coordA', 'PUT', path, { json: change })).status).toBe(428);
    const saved = await api<CohortParticipant>('coordA', 'PUT', path, {
      ifMatch: eve.etag,
      json: change,
    });
    expect(saved.status).toBe(200);
    const stale = await api('coordA', 'PUT', path, {
      ifMatch: eve.etag,
      json: { ...change, displayName: 'Stale name' },
    });
    expect(stale.status).toBe(412);
    expect((await people(cohortA)).find((p) => p.id === eveId)!.displayName).toBe(
      'Eve Nwosu-Grant',
    );
    const entry = (await audit(cohortA)).find((e) => e.action === 'participant.updated')!;
    expect(entry.changes).toEqual([
      { field: 'displayName', before: 'Eve Nwosu', after: 'Eve Nwosu-Grant' },
      { field: 'jobTitle', before: 'Staff nurse', after: 'Senior staff nurse' },
      { field: 'organisation', before: null, after: 'Leicester Royal' },
      { field: 'band', before: 'Band 5', after: 'Band 6' },
    ]);
  });

  it('removes a participant: their pair ends, the partner is told kindly and can be paired again', async () => {
    const ada = (await people(cohortA)).find((p) => p.displayName === ADA.name)!;
    const path = `/api/cohorts/${cohortA}/participants/${ada.id}`;
    expect((await api('coordB', 'DELETE', path, { ifMatch: ada.etag })).status).toBe(404);
    const before = harness.drive.inbox(BEN).length;
    const removed = await api<{ pair: Record<string, unknown>; message: string }>(
      'coordA',
      'DELETE',
      path,
      { ifMatch: ada.etag, json: { reason: 'Left the trust' } },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.pair).toMatchObject({
      ended: true,
      partnerName: BEN.name,
      partnerTold: true,
    });
    expect(removed.body.message).toMatch(/pair has ended; Ben Hartley was told kindly/);
    const told = harness.drive.textsSince(BEN, before).join('\n');
    expect(told).toMatch(/Your pairing has ended/);
    expect(told).not.toMatch(/Ada|Left the trust/); // never who or why
    const roster = await people(cohortA);
    expect(roster.find((p) => p.id === ada.id)).toBeUndefined();
    expect(roster.find((p) => p.displayName === BEN.name)!.pairId).toBeNull();
    const entries = await audit(cohortA);
    expect(entries.find((e) => e.action === 'participant.removed')).toMatchObject({
      targetLabel: ADA.name,
      reason: 'Left the trust',
    });
    expect(entries.find((e) => e.action === 'pair.ended')!.changes).toEqual([
      { field: 'state', before: 'active', after: 'ended_early' },
    ]);
    // Ada's sign-in no longer finds the cohort.
    const adaToken = await devToken(url, { userId: ADA.aadObjectId, name: ADA.name });
    const me = await call<{ memberships: unknown[] }>(url, 'GET', '/api/me', { token: adaToken });
    expect(me.body.memberships).toEqual([]);
  });

  it('makes a new pair of two unpaired people, whose journey starts with its own introduction', async () => {
    const roster = await people(cohortA);
    const ben = roster.find((p) => p.displayName === BEN.name)!;
    const path = `/api/cohorts/${cohortA}/pairs`;
    const refused = await api('coordA', 'POST', path, {
      json: { mentorId: ben.id, menteeId: ben.id, arrangement: 'reciprocal' },
    });
    expect(refused.status).toBe(400);
    // Cohort A now offers reverse only, and Ben takes part as a mentee.
    const notOffered = await api('coordA', 'POST', path, {
      json: { mentorId: eveId, menteeId: ben.id, arrangement: 'reciprocal' },
    });
    expect(fields(notOffered.body)).toEqual(['arrangement']);
    const wrongWay = await api('coordA', 'POST', path, {
      json: { mentorId: ben.id, menteeId: eveId, arrangement: 'reverse' },
    });
    expect(fields(wrongWay.body)).toEqual(['menteeId', 'mentorId']);
    const before = harness.drive.inbox(BEN).length;
    const made = await api<{ pairId: string }>('coordA', 'POST', path, {
      json: { mentorId: eveId, menteeId: ben.id, arrangement: 'reverse' },
    });
    expect(made.status).toBe(201);
    expect((await pairs(cohortA)).find((p) => p.id === made.body.pairId)).toMatchObject({
      state: 'proposed',
    });
    const again = await api('coordA', 'POST', path, {
      json: { mentorId: eveId, menteeId: ben.id, arrangement: 'reverse' },
    });
    expect(fields(again.body)).toEqual(['menteeId', 'mentorId']);
    // Cohort A's working days are Monday to Thursday: nothing goes out on Friday…
    await harness.drive.at('2027-03-05T10:00:00Z');
    expect(harness.drive.textsSince(BEN, before)).toEqual([]);
    // …and the introduction goes on Monday, within its hours.
    await harness.drive.at('2027-03-08T10:00:00Z');
    const texts = harness.drive.textsSince(BEN, before).join('\n');
    expect(texts).toMatch(/Eve Nwosu-Grant/);
    const benToken = await devToken(url, { userId: BEN.aadObjectId, name: BEN.name });
    const me = await call<{ memberships: { pair: { id: string } | null }[] }>(
      url,
      'GET',
      '/api/me',
      {
        token: benToken,
      },
    );
    expect(me.body.memberships[0]!.pair!.id).toBe(made.body.pairId);
    expect((await audit(cohortA)).find((e) => e.action === 'pair.created')).toMatchObject({
      targetLabel: 'Eve Nwosu-Grant / Ben Hartley',
    });
  });

  it('moves someone only when the caller runs both cohorts; the mover’s pair ends', async () => {
    const eve = (await people(cohortA)).find((p) => p.id === eveId)!;
    const path = `/api/cohorts/${cohortA}/participants/${eveId}/move`;
    const notBoth = await api('coordA', 'POST', path, {
      ifMatch: eve.etag,
      json: { toCohortId: cohortB },
    });
    expect(notBoth.status).toBe(404);
    expect((await people(cohortA)).some((p) => p.id === eveId)).toBe(true);
    const moved = await api<{ pair: { ended: boolean; partnerName: string } }>(
      'admin',
      'POST',
      path,
      {
        ifMatch: eve.etag,
        json: { toCohortId: cohortB },
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.pair).toMatchObject({ ended: true, partnerName: BEN.name });
    expect((await people(cohortA)).some((p) => p.id === eveId)).toBe(false);
    expect((await people(cohortB)).find((p) => p.displayName === 'Eve Nwosu-Grant')).toMatchObject({
      pairId: null,
      band: 'Band 6',
    });
    expect((await audit(cohortA)).find((e) => e.action === 'participant.moved')!.changes).toEqual([
      { field: 'cohort', before: settings.name, after: 'Cohort 2' },
    ]);
  });
});

describe('pausing, resuming and ending a pair as coordinator', () => {
  it('pauses with a reason (audited, partners told without it), refuses a stale ETag, resumes and ends', async () => {
    const [pair] = (await pairs(cohortB)).filter((p) => p.state === 'active');
    const base = `/api/cohorts/${cohortB}/pairs/${pair!.id}`;
    expect(
      (await api('coordA', 'POST', `${base}/pause`, { ifMatch: pair!.etag, json: { reason: 'x' } }))
        .status,
    ).toBe(404);
    const noReason = await api('coordB', 'POST', `${base}/pause`, {
      ifMatch: pair!.etag,
      json: {},
    });
    expect(fields(noReason.body)).toEqual(['reason']);
    const before = harness.drive.inbox(CARA).length;
    const paused = await api<{ state: string; etag: string; told: { told: boolean }[] }>(
      'coordB',
      'POST',
      `${base}/pause`,
      { ifMatch: pair!.etag, json: { reason: 'Dan is on long-term leave', weeks: 4 } },
    );
    expect(paused.status).toBe(200);
    expect(paused.body.state).toBe('paused');
    expect(paused.body.told.every((t) => t.told)).toBe(true);
    const told = harness.drive.textsSince(CARA, before).join('\n');
    expect(told).toMatch(/paused/);
    expect(told).not.toMatch(/long-term leave/);
    const stale = await api('coordB', 'POST', `${base}/resume`, { ifMatch: pair!.etag, json: {} });
    expect(stale.status).toBe(412);
    const entry = (await audit(cohortB)).find((e) => e.action === 'pair.paused')!;
    expect(entry).toMatchObject({ reason: 'Dan is on long-term leave', actorId: COORD_B.userId });
    expect(entry.changes[0]).toEqual({ field: 'state', before: 'active', after: 'paused' });

    const resumed = await api<{ state: string; etag: string }>('coordB', 'POST', `${base}/resume`, {
      ifMatch: paused.body.etag,
      json: {},
    });
    expect(resumed.body.state).toBe('active');
    const ended = await api<{ state: string }>('coordB', 'POST', `${base}/end`, {
      ifMatch: resumed.body.etag,
      json: { reason: 'Not a good fit' },
    });
    expect(ended.body.state).toBe('ended_early');
    expect((await audit(cohortB)).find((e) => e.action === 'pair.ended')).toMatchObject({
      reason: 'Not a good fit',
    });
  });
});

describe('closing and archiving a cohort', () => {
  it('closes: active pairs complete, no journey message goes out after; archives: hidden and read-only', async () => {
    const OLA = { aadObjectId: 'c1400000-0000-4000-8000-000000000005', name: 'Ola Bello' };
    const PIP = { aadObjectId: 'c1400000-0000-4000-8000-000000000006', name: 'Pip Rowe' };
    const cohortC = await activePair(harness.drive, url, OLA, PIP);
    const etag = await cohortEtag(cohortC);
    expect(
      (await api('coordA', 'POST', `/api/cohorts/${cohortC}/close`, { ifMatch: etag })).status,
    ).toBe(404);
    expect(
      (await api('admin', 'POST', `/api/cohorts/${cohortC}/archive`, { ifMatch: etag })).status,
    ).toBe(409);
    const closed = await api<{
      completed: number;
      ended: number;
      cohort: { status: string; etag: string };
    }>('admin', 'POST', `/api/cohorts/${cohortC}/close`, {
      ifMatch: etag,
      json: { reason: 'Programme year ended' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ completed: 1, ended: 0, cohort: { status: 'closed' } });
    expect((await pairs(cohortC))[0]!.state).toBe('completed');
    const before = harness.drive.inbox(OLA).length + harness.drive.inbox(PIP).length;
    // The final review (due as the plan's last window closes) would be sent to a completed pair.
    await harness.drive.at('2027-09-08T10:00:00Z');
    expect(harness.drive.inbox(OLA).length + harness.drive.inbox(PIP).length).toBe(before);

    const archived = await api<{ status: string; etag: string }>(
      'admin',
      'POST',
      `/api/cohorts/${cohortC}/archive`,
      { ifMatch: closed.body.cohort.etag },
    );
    expect(archived.body.status).toBe('archived');
    const listed = async (query: string) =>
      (
        await api<{ cohorts: { id: string }[] }>('admin', 'GET', `/api/cohorts${query}`)
      ).body.cohorts.map((c) => c.id);
    expect(await listed('')).not.toContain(cohortC);
    expect(await listed('?archived=include')).toContain(cohortC);
    const edit = await api('admin', 'PUT', `/api/cohorts/${cohortC}`, {
      ifMatch: archived.body.etag,
      json: { ...settings, name: 'Changed after archive' },
    });
    expect(edit.status).toBe(409);
    const actions = (await audit(cohortC)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['cohort.closed', 'cohort.archived']));
  });
});
