import { SignJWT } from 'jose';
import { REQUIRED_SCOPE, entraIssuer } from '../../bot/src/platform/http/auth/token-verifier';
import type { TabAuthConfig } from '../../bot/src/app/config';
import type { AuditEntry, AuditTrail } from '../../bot/src/contracts/audit';
import type { CohortAggregate } from '../../bot/src/contracts/cohort-summary';
import type { Me } from '../../bot/src/contracts/cohorts';
import type { RoleGrantView, RoleGrants } from '../../bot/src/contracts/roles';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Staff roles scoped to cohorts: a programme admin grants a coordinator one cohort (by email,
 * claimed at their first verified sign-in) and a sponsor another's figures; the coordinator runs
 * only that cohort (others are 404), never grants roles nor reads the audit trail; a sponsor
 * reads figures without names, none for fewer than five people; the programme keeps at least one
 * admin; and every grant and removal is in the audit trail, newest first, also as CSV.
 */

const CARA = {
  userId: 'd1000000-0000-4000-8000-000000000001',
  name: 'Cara Coordinator',
  email: 'cara.c@trust.nhs.uk',
};
const SOL = { userId: 'd1000000-0000-4000-8000-000000000002', name: 'Sol Sponsor' };
const MALLORY = { userId: 'd1000000-0000-4000-8000-000000000003', name: 'Mallory Claims' };
const ADA = { userId: 'd1000000-0000-4000-8000-000000000004', name: 'Ada Admin' };

let harness: BotHarness;
let url: string;
let admin: string;
let cohortA: string;
let cohortB: string;

function devAuth(): Extract<TabAuthConfig, { mode: 'dev' }> {
  const auth = harness.service.parts.config.auth;
  if (auth.mode !== 'dev') throw new Error('these tests run in AUTH_MODE=dev');
  return auth;
}

/** A token from the service's own dev key whose email claim is NOT vouched for (no xms_edov). */
async function unverifiedEmailToken(person: { userId: string; name: string }, email: string) {
  const auth = devAuth();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    oid: person.userId,
    name: person.name,
    email,
    tid: auth.tenantId,
    scp: REQUIRED_SCOPE,
    ver: '2.0',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(entraIssuer(auth.tenantId))
    .setAudience(auth.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(auth.secret));
}

/** A non-JSON answer (CSV): status and text. */
async function getText(path: string, token: string) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

async function grants(): Promise<RoleGrantView[]> {
  const answer = await call<RoleGrants>(url, 'GET', '/api/roles', { token: admin });
  expect(answer.status).toBe(200);
  return answer.body.grants;
}

async function trail(query = ''): Promise<AuditTrail> {
  const answer = await call<AuditTrail>(url, 'GET', `/api/audit${query}`, { token: admin });
  expect(answer.status).toBe(200);
  return answer.body;
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  admin = await devToken(url, COORDINATOR);
  const make = async (name: string) => {
    const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
      token: admin,
      json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    expect(made.status).toBe(201);
    return made.body.id;
  };
  cohortA = await make('North cohort');
  cohortB = await make('South cohort');
}, 300_000);

afterAll(async () => {
  await harness?.stop();
});

describe('staff roles', () => {
  it('refuses a grant that names no one, two people, no cohort or an unknown cohort', async () => {
    const cases: [unknown, string][] = [
      [{ role: 'coordinator', cohortId: cohortA }, 'email'],
      [{ role: 'coordinator', cohortId: cohortA, email: CARA.email, userId: SOL.userId }, 'email'],
      [{ role: 'coordinator', email: CARA.email }, 'cohortId'],
      [{ role: 'programme_admin', cohortId: cohortA, email: CARA.email }, 'cohortId'],
      [{ role: 'sponsor', cohortId: 'no-such-cohort', email: CARA.email }, 'cohortId'],
      [{ role: 'owner', email: CARA.email }, 'role'],
      [{ role: 'sponsor', cohortId: cohortA, userId: 'not-an-object-id' }, 'userId'],
    ];
    for (const [json, field] of cases) {
      const answer = await call<{ error: { details: { fields: { field: string }[] } } }>(
        url,
        'POST',
        '/api/roles',
        { token: admin, json },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.fields.map((f) => f.field)).toContain(field);
    }
    expect(await grants()).toEqual([expect.objectContaining({ role: 'programme_admin' })]);
  });

  it('gives a coordinator one cohort by email, claimed at their first verified sign-in only', async () => {
    const granted = await call<RoleGrantView>(url, 'POST', '/api/roles', {
      token: admin,
      json: { role: 'coordinator', cohortId: cohortA, email: CARA.email.toUpperCase() },
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      role: 'coordinator',
      cohortId: cohortA,
      cohortName: 'North cohort',
      email: CARA.email,
      userId: null,
      claimed: false,
    });

    // Someone else presenting the same email without a verified claim gets nothing.
    const mallory = await unverifiedEmailToken(MALLORY, CARA.email);
    const hers = await call<Me>(url, 'GET', '/api/me', { token: mallory });
    expect(hers.body.access).toEqual({ programmeAdmin: false, coordinatorOf: [], sponsorOf: [] });
    expect((await call(url, 'GET', `/api/cohorts/${cohortA}`, { token: mallory })).status).toBe(
      403,
    );

    // Cara signs in with her verified email: the grant becomes hers, by object id.
    const cara = await devToken(url, CARA);
    const me = await call<Me>(url, 'GET', '/api/me', { token: cara });
    expect(me.body.roles).toEqual(['coordinator']);
    expect(me.body.access.coordinatorOf).toEqual([cohortA]);
    expect(me.body.coordinatedCohorts.map((c) => c.name)).toEqual(['North cohort']);
    const hersNow = (await grants()).find((g) => g.role === 'coordinator')!;
    expect(hersNow).toMatchObject({ userId: CARA.userId, claimed: true, email: null });

    // From now on her object id alone is enough (as the bot knows her).
    const byId = await devToken(url, { userId: CARA.userId, name: CARA.name });
    const again = await call<Me>(url, 'GET', '/api/me', { token: byId });
    expect(again.body.access.coordinatorOf).toEqual([cohortA]);
  });

  it('scopes a coordinator to their cohorts: other cohorts are not found, admin routes forbidden', async () => {
    const cara = await devToken(url, CARA);
    const list = await call<{ cohorts: { id: string }[] }>(url, 'GET', '/api/cohorts', {
      token: cara,
    });
    expect(list.body.cohorts.map((c) => c.id)).toEqual([cohortA]);
    for (const path of ['', '/participants', '/pairs', '/health', '/health.csv', '/links']) {
      expect((await getText(`/api/cohorts/${cohortA}${path}`, cara)).status).toBe(200);
      const other = await getText(`/api/cohorts/${cohortB}${path}`, cara);
      expect({ path, status: other.status }).toEqual({ path, status: 404 });
      expect(other.text).not.toContain('South cohort');
    }
    const refused: [string, string][] = [
      ['POST', '/api/cohorts'],
      ['GET', '/api/roles'],
      ['POST', '/api/roles'],
      ['GET', '/api/audit'],
      ['GET', '/api/audit.csv'],
    ];
    for (const [method, path] of refused) {
      const answer = await call(url, method, path, {
        token: cara,
        json: { role: 'programme_admin', userId: CARA.userId },
      });
      expect({ path, status: answer.status, body: answer.body }).toEqual({
        path,
        status: 403,
        body: { error: { code: 'forbidden', message: 'Only programme admins can do this' } },
      });
    }
    // She did not make herself an admin.
    expect((await grants()).filter((g) => g.role === 'programme_admin')).toHaveLength(1);
  });

  it('shows a sponsor figures of their cohort only, never names, none for fewer than five', async () => {
    const granted = await call(url, 'POST', '/api/roles', {
      token: admin,
      json: { role: 'sponsor', cohortId: cohortA, userId: SOL.userId, name: SOL.name },
    });
    expect(granted.status).toBe(201);
    const sol = await devToken(url, SOL);
    const me = await call<Me>(url, 'GET', '/api/me', { token: sol });
    expect(me.body.roles).toEqual(['sponsor']);
    expect(me.body.sponsoredCohorts.map((c) => c.id)).toEqual([cohortA]);
    expect(me.body.coordinatedCohorts).toEqual([]);

    const people = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => {
        const k = from + i;
        const role = k % 2 === 0 ? 'mentor' : 'mentee';
        return `person${k}@trust.nhs.uk,Person Number${k},${role}`;
      });
    const importRows = async (rows: string[]) => {
      const imported = await call(url, 'POST', `/api/cohorts/${cohortA}/roster`, {
        token: admin,
        contentType: 'text/csv',
        body: ['email,display_name,role', ...rows].join('\n'),
      });
      expect(imported.status).toBe(201);
    };
    await importRows(people(4, 0));
    const few = await call<CohortAggregate>(url, 'GET', `/api/cohorts/${cohortA}/summary`, {
      token: sol,
    });
    expect(few.status).toBe(200);
    expect(few.body).toMatchObject({ suppressed: true });
    expect(JSON.stringify(few.body)).not.toMatch(/\d+ participants/);

    await importRows(people(2, 4));
    const enough = await call<CohortAggregate>(url, 'GET', `/api/cohorts/${cohortA}/summary`, {
      token: sol,
    });
    expect(enough.body).toMatchObject({
      suppressed: false,
      figures: { participants: 6, pairs: 0 },
    });
    expect(JSON.stringify(enough.body)).not.toContain('Person Number');

    for (const path of [
      `/api/cohorts/${cohortA}/health`,
      `/api/cohorts/${cohortA}/participants`,
      '/api/cohorts',
    ]) {
      expect((await call(url, 'GET', path, { token: sol })).status).toBe(403);
    }
    expect((await call(url, 'GET', `/api/cohorts/${cohortB}/summary`, { token: sol })).status).toBe(
      404,
    );
  });

  it('keeps at least one programme admin', async () => {
    const only = (await grants()).find((g) => g.role === 'programme_admin')!;
    const refused = await call<{ error: { code: string } }>(
      url,
      'DELETE',
      `/api/roles/${only.id}`,
      {
        token: admin,
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('last_admin');

    const second = await call<RoleGrantView>(url, 'POST', '/api/roles', {
      token: admin,
      json: { role: 'programme_admin', userId: ADA.userId, name: ADA.name },
    });
    expect(second.status).toBe(201);
    const ada = await devToken(url, ADA);
    expect((await call(url, 'GET', '/api/roles', { token: ada })).status).toBe(200);
    const removed = await call(url, 'DELETE', `/api/roles/${second.body.id}`, { token: admin });
    expect(removed.status).toBe(200);
    expect((await call(url, 'GET', '/api/roles', { token: ada })).status).toBe(403);
    expect(
      (await call(url, 'DELETE', `/api/roles/${second.body.id}`, { token: admin })).status,
    ).toBe(404);
  });

  it('records every grant, removal, cohort and import in the audit trail, newest first', async () => {
    const all = await trail();
    const actions = all.entries.map((e) => e.action);
    expect(actions).toEqual([
      'role.removed',
      'role.granted',
      'roster.imported',
      'roster.imported',
      'role.granted',
      'role.granted',
      'cohort.created',
      'cohort.created',
    ]);
    const times = all.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const granted = all.entries.find(
      (e) => e.action === 'role.granted' && e.targetLabel.includes(CARA.email),
    ) as AuditEntry;
    expect(granted).toMatchObject({
      actorId: COORDINATOR.userId,
      actorName: COORDINATOR.name,
      target: 'role',
      cohortId: cohortA,
      changes: [{ field: 'role', before: null, after: 'Cohort coordinator of North cohort' }],
    });
    const removed = all.entries[0]!;
    expect(removed.changes).toEqual([{ field: 'role', before: 'Programme admin', after: null }]);

    // Paged with the cursor it hands out; one cohort's entries only when asked.
    const first = await call<AuditTrail>(url, 'GET', '/api/audit', { token: admin });
    expect(first.body.next).toBeNull();
    const north = await trail(`?cohortId=${cohortA}`);
    expect(north.entries.every((e) => e.cohortId === cohortA)).toBe(true);
    expect(north.entries.map((e) => e.action)).toContain('roster.imported');
    const bad = await call(url, 'GET', '/api/audit?before=not-a-cursor', { token: admin });
    expect(bad.status).toBe(400);

    const csv = await getText('/api/audit.csv', admin);
    expect(csv.status).toBe(200);
    const text = csv.text;
    expect(text.split(/\r?\n/)[0]).toContain('When (UTC),Who,Who (object id),Action,What');
    expect(text).toContain('Granted a role');
    expect(text).toContain('Cohort coordinator of North cohort');
  });
});
