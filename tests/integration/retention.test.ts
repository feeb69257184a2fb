import { TableClient } from '@azure/data-tables';
import type { AuditTrail } from '../../bot/src/contracts/audit';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * Retention that runs by itself, and withdrawing consent (issue 17, items 3–4), on two service
 * instances over one Azurite, driven by their dev clocks: special-category answers are there
 * until six months after the cohort closed and gone after, never-matched applications after
 * twelve, the matched person's application stays, and each daily run removes once although both
 * instances run their due jobs at the same moment. Withdrawing consent removes the answers at
 * once and takes the person out of matching's tokens and the aggregates.
 */

const person = (n: number, name: string) => ({
  userId: `e1700000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@trust.nhs.uk`,
});
const PEOPLE = [
  person(1, 'Ada Mensah'),
  person(2, 'Ben Hartley'),
  person(3, 'Cara Osei'),
  person(4, 'Dev Raman'),
  person(5, 'Eve Stone'),
  person(6, 'Fay Lund'),
  person(7, 'Gus Amadi'),
];
const [ADA, BEN] = PEOPLE as [(typeof PEOPLE)[0], (typeof PEOPLE)[0]];

const SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights', 'Early career'],
  requireTraining: false,
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
  consent: true,
};
const SENSITIVE = {
  ethnicity: { value: 'black', consent: true },
  disability: { value: 'no', consent: true },
};

let storage: EmbeddedStorage;
let a: RunningService;
let b: RunningService;
let admin: string;
let cohortId: string;

const table = (name: string) =>
  TableClient.fromConnectionString(storage.connectionString, name, {
    allowInsecureConnection: true,
  });

async function rowsIn(name: string, prefix = ''): Promise<number> {
  let n = 0;
  for await (const row of table(name).listEntities({
    queryOptions: { filter: `PartitionKey eq '${cohortId}'` },
  })) {
    if (String(row.rowKey).startsWith(prefix)) n += 1;
  }
  return n;
}
const sensitiveRows = () => rowsIn('ApplicationSensitive', 'answers|');
const applicationRows = () => rowsIn('Applications');

/** Both instances' clocks read `iso`, then both run their due jobs at the same moment. */
async function at(iso: string): Promise<void> {
  for (const s of [a, b]) s.parts.clock.set(new Date(iso));
  const runs = await Promise.all(
    [a, b].map((s) => call(s.url, 'POST', '/api/dev/run-jobs', { json: {} })),
  );
  for (const run of runs) expect(run.status).toBe(200);
}

/** The retention runs in the audit trail, oldest first, with their counts. */
async function retentionRuns(): Promise<{ day: string; counts: Record<string, number> }[]> {
  const trail = await call<AuditTrail>(a.url, 'GET', '/api/audit', { token: admin });
  expect(trail.status).toBe(200);
  return trail.body.entries
    .filter((e) => e.action === 'retention.run')
    .reverse()
    .map((e) => ({
      day: e.targetId,
      counts: Object.fromEntries(e.changes.map((c) => [c.field, Number(c.after)])),
    }));
}

const removedInAll = async (field: string) =>
  (await retentionRuns()).reduce((sum, r) => sum + (r.counts[field] ?? 0), 0);

beforeAll(async () => {
  storage = await startTestStorage();
  // The cohort's own rows are kept 24 months here, so the 12-month rule for never-matched
  // applications shows alone (tests/integration/cohort-retention.test.ts walks the cohort's).
  const env = { COORDINATOR_IDS: COORDINATOR.userId, RETENTION_COHORT_MONTHS: '24' };
  [a, b] = await Promise.all([
    startTestService(storage.connectionString, env),
    startTestService(storage.connectionString, env),
  ]);
  for (const s of [a, b]) s.parts.clock.set(new Date('2026-12-14T10:00:00Z'));
  admin = await devToken(a.url, COORDINATOR);
  const made = await call<{ id: string }>(a.url, 'POST', '/api/cohorts', {
    token: admin,
    json: { name: 'Cohort 2027', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const saved = await call(a.url, 'PUT', `/api/cohorts/${cohortId}/application-settings`, {
    token: admin,
    json: SETTINGS,
  });
  expect(saved.status).toBe(200);
  await at('2027-01-10T10:00:00Z');
  for (const p of PEOPLE) {
    const token = await devToken(a.url, p);
    const mine = `/api/cohorts/${cohortId}/applications/mine`;
    const sent = await call(a.url, 'POST', `${mine}/submit`, { token, json: FORM });
    expect(sent.status).toBe(200);
    const answers = await call(a.url, 'PUT', `${mine}/sensitive`, { token, json: SENSITIVE });
    expect(answers.status).toBe(200);
  }
  // Ada is matched: she is on the cohort's roster under her object id (with a partner).
  const imported = await call(a.url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      `${ADA.email},${ADA.name},mentor,${ADA.userId},pat.lee@trust.nhs.uk`,
      `pat.lee@trust.nhs.uk,Pat Lee,mentee,,`,
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
}, 600_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await storage?.stop();
});

describe('withdrawing consent for special-category answers', () => {
  it('removes them at once and takes the person out of matching tokens and aggregates', async () => {
    const { sensitive } = a.parts.applications;
    const ids = PEOPLE.map((p) => p.userId);
    const total = async () =>
      Object.values((await sensitive.aggregate(cohortId, ids)).ethnicity ?? {}).reduce(
        (s, n) => s + n,
        0,
      );
    expect((await sensitive.tokensByApplicant(cohortId)).has(BEN.userId)).toBe(true);
    expect(await total()).toBe(7);

    const token = await devToken(a.url, BEN);
    const gone = await call(
      a.url,
      'DELETE',
      `/api/cohorts/${cohortId}/applications/mine/sensitive`,
      {
        token,
      },
    );
    expect(gone.status).toBe(200);
    expect(await sensitiveRows()).toBe(6);
    // The other instance sees the same at once: nothing is cached.
    const other = b.parts.applications.sensitive;
    expect((await other.tokensByApplicant(cohortId)).has(BEN.userId)).toBe(false);
    expect(await other.livedExperienceTokens(cohortId, BEN.userId)).toEqual([]);
    expect(await total()).toBe(6);
    const grouped = await other.countsByGroup(
      cohortId,
      PEOPLE.map((p) => ({ userId: p.userId, group: 'all' as const })),
    );
    // The evaluation's breakdowns count Ben with those who shared nothing.
    expect(grouped.ethnicity?.black?.all).toBe(6);
    expect(Object.keys(grouped.ethnicity ?? {})).toEqual(['black', 'prefer-not-to-say']);
  });
});

describe('retention, run daily by both instances', () => {
  it('runs nothing while no cohort has closed', async () => {
    // Every rule counts from a close: until one, no daily run is even scheduled.
    await at('2027-06-01T03:00:00Z');
    await at('2027-06-02T03:00:00Z');
    expect(await retentionRuns()).toEqual([]);
  });

  it('keeps special-category answers until six months after the cohort closed', async () => {
    await at('2027-09-01T10:00:00Z');
    const { etag } = (
      await call<{ etag: string }>(a.url, 'GET', `/api/cohorts/${cohortId}`, { token: admin })
    ).body;
    const closed = await call(a.url, 'POST', `/api/cohorts/${cohortId}/close`, {
      token: admin,
      json: {},
      headers: { 'if-match': etag },
    });
    expect(closed.status).toBe(200);
    // Daily runs up to the day before the period ends remove nothing.
    await at('2027-09-02T03:00:00Z');
    await at('2028-02-29T03:00:00Z');
    await at('2028-03-01T03:00:00Z');
    expect(await sensitiveRows()).toBe(6);
    expect(await applicationRows()).toBe(7);
    expect(await removedInAll('sensitiveAnswers')).toBe(0);
  });

  it('deletes them after the period, once although both instances run the day', async () => {
    await at('2028-03-02T03:00:00Z');
    expect(await sensitiveRows()).toBe(0);
    expect(await applicationRows()).toBe(7);
    const runs = await retentionRuns();
    // One entry per day run, never two for a day: the job store hands each day's run out once.
    expect(new Set(runs.map((r) => r.day)).size).toBe(runs.length);
    expect(runs.filter((r) => r.counts.sensitiveAnswers! > 0)).toEqual([
      {
        day: '2028-03-02',
        counts: {
          cohorts: 1,
          sensitiveAnswers: 6,
          unmatchedApplications: 0,
          cohortsRetained: 0,
          rowsRemoved: 0,
        },
      },
    ]);
    // The counts are all it says: no one's id, name or answer.
    const trail = JSON.stringify((await call(a.url, 'GET', '/api/audit', { token: admin })).body);
    for (const p of PEOPLE.slice(1)) expect(trail).not.toContain(p.userId);
    // Aggregates stay honest: nobody's answers are counted any more, and nothing breaks.
    const { sensitive } = b.parts.applications;
    expect(
      await sensitive.aggregate(
        cohortId,
        PEOPLE.map((p) => p.userId),
      ),
    ).toEqual({});
    expect((await sensitive.tokensByApplicant(cohortId)).size).toBe(0);
  });

  it('deletes the never-matched applications twelve months after, and keeps the matched', async () => {
    await at('2028-09-01T03:00:00Z');
    expect(await applicationRows()).toBe(7);
    await at('2028-09-02T03:00:00Z');
    expect(await applicationRows()).toBe(1);
    const left = await call<{ applicantId?: string }>(
      a.url,
      'GET',
      `/api/cohorts/${cohortId}/applications/mine`,
      { token: await devToken(a.url, ADA) },
    );
    expect(left.status).toBe(200);
    expect(await removedInAll('unmatchedApplications')).toBe(6);
    expect(await removedInAll('sensitiveAnswers')).toBe(6);
    // A later day finds nothing more to remove.
    await at('2028-09-03T03:00:00Z');
    expect(await removedInAll('unmatchedApplications')).toBe(6);
  });
});
