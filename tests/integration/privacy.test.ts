import type { AuditTrail } from '../../bot/src/contracts/audit';
import type { PrivacySettingsView } from '../../bot/src/contracts/privacy';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Privacy on the real service and Azurite (issue 17, part N): the programme's privacy contact
 * (anyone reads it, programme admins change it with If-Match, each change audited), and the
 * programme team's access to people's applications recorded as `personal_data.viewed` — seen by
 * programme admins in the trail and in the data protection officer's CSV, never by coordinators.
 */

const person = (n: number, name: string) => ({
  userId: `d1700000-0000-4000-8000-00000000000${n}`,
  name,
});
const ADA = person(1, 'Ada Privacyson');
const COORD = { userId: 'd1700000-0000-4000-8000-0000000000c1', name: 'Connie Viewer' };
const ELSEWHERE = { userId: 'd1700000-0000-4000-8000-0000000000c2', name: 'Elsa Elsewhere' };
const SETTINGS_PATH = '/api/programme/privacy-settings';

const CONTACT = {
  contactName: 'Priya Programme',
  contactEmail: 'priya.programme@trust.nhs.uk',
  controllerName: 'Leicester Teaching Hospitals NHS Trust',
  dpoName: 'Dara Officer',
  dpoEmail: 'dpo@trust.nhs.uk',
};

const APPLICATION_SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights', 'Early career'],
  requireTraining: false,
  awarenessEventIds: [] as string[],
};

let harness: BotHarness;
let url: string;
let cohortA: string;
let cohortB: string;
const tokens: Record<string, string> = {};

const api = <T = Record<string, unknown>>(
  who: string | undefined,
  method: string,
  path: string,
  json?: unknown,
  headers?: Record<string, string>,
) => call<T>(url, method, path, { token: who ? tokens[who] : undefined, json, headers });

async function cohort(name: string): Promise<string> {
  const made = await api<{ id: string }>('admin', 'POST', '/api/cohorts', {
    name,
    startDate: '2027-03-01',
    endDate: '2027-08-31',
  });
  expect(made.status).toBe(201);
  return made.body.id;
}

async function grant(who: { userId: string; name: string }, cohortId: string): Promise<void> {
  const granted = await api('admin', 'POST', '/api/roles', {
    role: 'coordinator',
    cohortId,
    userId: who.userId,
    name: who.name,
  });
  expect(granted.status).toBe(201);
}

const viewsIn = (trail: AuditTrail) =>
  trail.entries.filter((e) => e.action === 'personal_data.viewed');

async function csv(who: string, query: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/api/audit.csv${query}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  harness.service.parts.clock.set(new Date('2027-01-10T10:00:00Z'));
  tokens.admin = await devToken(url, COORDINATOR);
  cohortA = await cohort('Privacy cohort A');
  cohortB = await cohort('Privacy cohort B');
  await grant(COORD, cohortA);
  await grant(ELSEWHERE, cohortB);
  for (const [who, p] of Object.entries({ ADA, COORD, ELSEWHERE })) {
    tokens[who] = await devToken(url, p);
  }
  const saved = await api(
    'COORD',
    'PUT',
    `/api/cohorts/${cohortA}/application-settings`,
    APPLICATION_SETTINGS,
  );
  expect(saved.status).toBe(200);
  const sent = await api('ADA', 'POST', `/api/cohorts/${cohortA}/applications/mine/submit`, {
    role: 'mentor',
    arrangement: 'reverse',
    band: 'Band 3',
    organisation: 'Leicester Royal Infirmary',
    directorate: 'Emergency medicine',
    lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
    perspectivesShared: ['Working nights'],
    perspectivesWanted: ['Early career'],
    meetingMode: 'online',
    availability: ['tue-am'],
    consent: true,
  });
  expect(sent.status).toBe(200);
}, 600_000);

afterAll(() => harness?.stop());

describe('the programme’s privacy contact', () => {
  it('is read without sign-in, saved by a programme admin with If-Match, and every change audited', async () => {
    const empty = await api<PrivacySettingsView>(undefined, 'GET', SETTINGS_PATH);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ settings: null, etag: null });

    const first = await api<PrivacySettingsView>('admin', 'PUT', SETTINGS_PATH, CONTACT);
    expect(first.status).toBe(200);
    expect(first.body.settings).toEqual(CONTACT);
    const etag = first.body.etag!;
    expect(first.headers.get('etag')).toBe(etag);

    const read = await api<PrivacySettingsView>(undefined, 'GET', SETTINGS_PATH);
    expect(read.body).toEqual({ settings: CONTACT, etag });

    // Once saved, a change without If-Match is refused (428), and a stale one too (412).
    const blind = await api('admin', 'PUT', SETTINGS_PATH, { ...CONTACT, contactName: 'Blind' });
    expect(blind.status).toBe(428);
    const changed = { ...CONTACT, contactName: 'Pat Programme' };
    const second = await api<PrivacySettingsView>('admin', 'PUT', SETTINGS_PATH, changed, {
      'if-match': etag,
    });
    expect(second.status).toBe(200);
    const stale = await api(
      'admin',
      'PUT',
      SETTINGS_PATH,
      { ...CONTACT, contactName: 'Late' },
      {
        'if-match': etag,
      },
    );
    expect(stale.status).toBe(412);
    const after = await api<PrivacySettingsView>(undefined, 'GET', SETTINGS_PATH);
    expect(after.body.settings?.contactName).toBe('Pat Programme');

    const trail = await api<AuditTrail>('admin', 'GET', '/api/audit');
    const changes = trail.body.entries.filter(
      (e) => e.action === 'programme.privacy_settings_updated',
    );
    expect(changes).toHaveLength(2);
    expect(changes[0]!.changes).toEqual([
      { field: 'contactName', before: 'Priya Programme', after: 'Pat Programme' },
    ]);
    expect(changes[0]!.actorId).toBe(COORDINATOR.userId);
  });

  it('refuses a coordinator’s change and shows each bad field', async () => {
    const coordinator = await api('COORD', 'PUT', SETTINGS_PATH, CONTACT);
    expect(coordinator.status).toBe(403);
    const bad = await api<{ error: { details: { fields: { field: string }[] } } }>(
      'admin',
      'PUT',
      SETTINGS_PATH,
      { ...CONTACT, contactEmail: 'not-an-email', dpoEmail: undefined },
    );
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f) => f.field).sort();
    expect(fields).toEqual(['contactEmail', 'dpoEmail']);
  });
});

describe('the programme team’s access to applications', () => {
  it('records one personal_data.viewed entry per application shown, for admins and the DPO CSV only', async () => {
    const before = viewsIn((await api<AuditTrail>('admin', 'GET', '/api/audit')).body).length;

    // A coordinator of another cohort cannot list cohort A's applications: nothing is recorded.
    const elsewhere = await api('ELSEWHERE', 'GET', `/api/cohorts/${cohortA}/applications`);
    expect(elsewhere.status).toBe(404);
    let views = viewsIn((await api<AuditTrail>('admin', 'GET', '/api/audit')).body);
    expect(views).toHaveLength(before);

    harness.service.parts.clock.set(new Date('2027-01-20T14:30:00Z'));
    const list = await api<{ applications: unknown[] }>(
      'COORD',
      'GET',
      `/api/cohorts/${cohortA}/applications`,
    );
    expect(list.status).toBe(200);
    expect(list.body.applications).toHaveLength(1);

    views = viewsIn((await api<AuditTrail>('admin', 'GET', '/api/audit')).body);
    expect(views).toHaveLength(before + 1);
    const entry = views[0]!;
    expect(entry).toMatchObject({
      actorId: COORD.userId,
      actorName: COORD.name,
      target: 'application',
      targetId: ADA.userId,
      targetLabel: ADA.name,
      cohortId: cohortA,
      at: expect.stringMatching(/^2027-01-20T14:30/),
      actionText: 'Viewed a person’s application',
      changes: [],
    });

    // Coordinators (of this cohort or another) never read the trail.
    expect((await api('COORD', 'GET', '/api/audit')).status).toBe(403);
    expect((await api('ELSEWHERE', 'GET', '/api/audit?action=personal_data.viewed')).status).toBe(
      403,
    );
    expect((await csv('ELSEWHERE', '?action=personal_data.viewed')).status).toBe(403);

    // The DPO's export: only the access entries, with who, whose, when; nothing of the application.
    const dpo = await csv('admin', '?action=personal_data.viewed');
    expect(dpo.status).toBe(200);
    const lines = dpo.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(views.length + 1);
    const row = lines.find((l) => l.includes(entry.at))!;
    expect(row).toContain(COORD.name);
    expect(row).toContain(ADA.name);
    expect(row).toContain('Viewed a person’s application');
    expect(dpo.text).not.toContain('Changed the programme’s privacy contact');
    expect(dpo.text).not.toMatch(/Emergency medicine|Leicester Royal Infirmary|Working nights/);

    const filtered = await api<AuditTrail>(
      'admin',
      'GET',
      '/api/audit?action=personal_data.viewed',
    );
    expect(filtered.body.entries.every((e) => e.action === 'personal_data.viewed')).toBe(true);
    expect((await api('admin', 'GET', '/api/audit?action=no.such')).status).toBe(400);
  });
});
