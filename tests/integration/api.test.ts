import { SignJWT } from 'jose';
import { DEV_TENANT_ID, loadConfig } from '../../bot/src/app/config';
import { entraIssuer } from '../../bot/src/platform/http/auth/token-verifier';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

const COORDINATOR = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya@trust.nhs.uk',
};
const MENTOR = {
  userId: 'a0000000-0000-4000-8000-000000000001',
  name: 'Ama Boateng',
  email: 'ama@trust.nhs.uk',
};
const MENTEE = {
  userId: 'a0000000-0000-4000-8000-000000000002',
  name: 'Dev Patel',
  email: 'dev@trust.nhs.uk',
};
const OUTSIDER = {
  userId: 'a0000000-0000-4000-8000-000000000009',
  name: 'Olu Other',
  email: 'olu@trust.nhs.uk',
};

const ROSTER = [
  'email,display_name,role,organisation,job_title,entra_object_id,partner_email,arrangement',
  'ama@trust.nhs.uk,Ama Boateng,mentor,City Hospital,Healthcare assistant,,dev@trust.nhs.uk,reverse',
  'dev@trust.nhs.uk,Dev Patel,mentee,City Hospital,Director of Nursing,,,',
].join('\n');

let storage: EmbeddedStorage;
let service: RunningService;
let url: string;
let coordinatorToken: string;

beforeAll(async () => {
  storage = await startTestStorage();
  service = await startTestService(storage.connectionString, {
    COORDINATOR_IDS: COORDINATOR.userId,
    MAX_BODY_BYTES: '65536',
  });
  url = service.url;
  coordinatorToken = await devToken(url, COORDINATOR);
});

afterAll(async () => {
  await service.stop();
  await storage.stop();
});

/** A token shaped and signed like a dev token, with chosen claims, to probe the verifier. */
async function craftedToken(claims: {
  exp?: number;
  aud?: string;
  secret?: string;
}): Promise<string> {
  const config = loadConfig({});
  if (config.auth.mode !== 'dev') throw new Error('dev');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ oid: MENTOR.userId, tid: DEV_TENANT_ID, scp: 'access_as_user', name: 'x' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(entraIssuer(DEV_TENANT_ID))
    .setAudience(claims.aud ?? config.auth.audience)
    .setIssuedAt(now - 7200)
    .setExpirationTime(claims.exp ?? now + 3600)
    .sign(new TextEncoder().encode(claims.secret ?? config.auth.secret));
}

const ROUTES: [string, string][] = [
  ['GET', '/api/me'],
  ['GET', '/api/cohorts'],
  ['POST', '/api/cohorts'],
  ['GET', '/api/cohorts/some-id'],
  ['GET', '/api/cohorts/some-id/participants'],
  ['GET', '/api/cohorts/some-id/pairs'],
  ['POST', '/api/cohorts/some-id/roster'],
  ['GET', '/api/cohorts/some-id/health'],
  ['GET', '/api/cohorts/some-id/health.csv'],
  ['GET', '/api/pairs/some-id'],
  ['POST', '/api/pairs/some-id/goals'],
  ['PUT', '/api/pairs/some-id/goals/g1'],
  ['POST', '/api/pairs/some-id/actions'],
  ['PATCH', '/api/pairs/some-id/actions/a1'],
];

describe('tab API', () => {
  it('reports health with storage', async () => {
    const health = await call(url, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', storage: 'ok' } });
  });

  describe('refuses every route without a valid token, in the JSON error shape', () => {
    it.each(ROUTES)('%s %s', async (method, path) => {
      const forged = await craftedToken({ secret: 'forged-forged-forged-forged-forged-forged' });
      const expired = await craftedToken({ exp: Math.floor(Date.now() / 1000) - 3600 });
      const wrongAudience = await craftedToken({ aud: 'api://another-app' });
      for (const token of [undefined, 'garbage', forged, expired, wrongAudience]) {
        const response = await call(url, method, path, { token, json: {} });
        expect(response.status).toBe(401);
        expect(response.body).toEqual({
          error: { code: 'unauthorized', message: expect.any(String) },
        });
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
      }
    });
  });

  it('answers a malformed JSON body with 400, an oversized one with 413, unknown routes with 404', async () => {
    const malformed = await call(url, 'POST', '/api/cohorts', {
      token: coordinatorToken,
      body: '{"name": "Cohort',
      contentType: 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'malformed_json' } });

    const huge = await call(url, 'POST', '/api/cohorts', {
      token: coordinatorToken,
      json: { name: 'x'.repeat(70_000) },
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });

    const nowhere = await call(url, 'GET', '/api/nowhere', { token: coordinatorToken });
    expect(nowhere).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('validates a new cohort and names each wrong field', async () => {
    const response = await call(url, 'POST', '/api/cohorts', {
      token: coordinatorToken,
      json: {
        name: 'C3',
        startDate: '2027-09-01',
        endDate: '2027-03-01',
        cadence: { minimumMinutes: 30 },
        colour: 'red',
      },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid_body' } });
    const fields = (
      response.body as { error: { details: { fields: { field: string }[] } } }
    ).error.details.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['(body)', 'cadence.minimumMinutes']));
    expect(JSON.stringify(response.body)).toContain('colour');
  });

  it('lets a coordinator create a cohort and import a roster; a bad file writes nothing', async () => {
    const created = await call<{ id: string; cadence: object }>(url, 'POST', '/api/cohorts', {
      token: coordinatorToken,
      json: { name: 'LLR cohort 4', startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    expect(created.status).toBe(201);
    expect(created.body.cadence).toEqual({
      frequency: 'monthly',
      plannedMeetings: 6,
      minimumMeetings: 3,
      minimumMinutes: 60,
    });
    const cohortId = created.body.id;

    const bad = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
      token: coordinatorToken,
      body: `${ROSTER}\nbroken-email,Someone,mentor,,,,,`,
      contentType: 'text/csv',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        code: 'invalid_roster',
        message: expect.stringContaining('line 4, column email'),
        details: {
          problems: [{ line: 4, column: 'email', message: 'email is not a valid email address' }],
        },
      },
    });
    const afterBad = await call<{ participants: unknown[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/participants`,
      {
        token: coordinatorToken,
      },
    );
    expect(afterBad.body.participants).toEqual([]);

    const good = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
      token: coordinatorToken,
      body: ROSTER,
      contentType: 'text/csv',
    });
    expect(good).toMatchObject({ status: 201, body: { imported: { participants: 2, pairs: 1 } } });

    const pairs = await call<{ pairs: { state: string; arrangement: string }[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/pairs`,
      {
        token: coordinatorToken,
      },
    );
    expect(pairs.body.pairs).toEqual([
      expect.objectContaining({ state: 'proposed', arrangement: 'reverse' }),
    ]);

    // The mentor signs in for the first time: found by email, shown their cohort and partner.
    const mentorToken = await devToken(url, MENTOR);
    const me = await call(url, 'GET', '/api/me', { token: mentorToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: MENTOR.userId, name: MENTOR.name, email: MENTOR.email, tenantId: DEV_TENANT_ID },
      roles: [],
      memberships: [
        {
          cohort: expect.objectContaining({ id: cohortId, name: 'LLR cohort 4', isDemo: false }),
          participantId: expect.any(String),
          role: 'mentor',
          pair: {
            id: expect.any(String),
            arrangement: 'reverse',
            state: 'proposed',
            myRole: 'mentor',
            partner: {
              displayName: 'Dev Patel',
              role: 'mentee',
              organisation: 'City Hospital',
              jobTitle: 'Director of Nursing',
            },
          },
        },
      ],
      access: { programmeAdmin: false, coordinatorOf: [], sponsorOf: [] },
      coordinatedCohorts: [],
      sponsoredCohorts: [],
    });

    // Once linked, the same person is found by their object id alone (as the bot knows them).
    const noEmail = await devToken(url, { userId: MENTOR.userId, name: MENTOR.name });
    const again = await call<{ memberships: unknown[] }>(url, 'GET', '/api/me', { token: noEmail });
    expect(again.body.memberships).toHaveLength(1);
  });

  it('shows someone outside every cohort no cohort and no pair', async () => {
    const me = await call(url, 'GET', '/api/me', { token: await devToken(url, OUTSIDER) });
    expect(me.body).toMatchObject({ roles: [], memberships: [], coordinatedCohorts: [] });
  });

  it('refuses coordinator routes to participants with 403', async () => {
    const token = await devToken(url, MENTEE);
    for (const [method, path] of ROUTES.filter(([, p]) => p.startsWith('/api/cohorts'))) {
      const response = await call(url, method, path, { token, json: {} });
      expect(response.status).toBe(403);
      // Creating a cohort is the programme admin's; every other cohort route, the programme team's.
      const who = method === 'POST' && path === '/api/cohorts' ? 'admins' : 'coordinators';
      expect(response.body).toEqual({
        error: { code: 'forbidden', message: `Only programme ${who} can do this` },
      });
    }
  });

  it('validates dev token requests', async () => {
    const response = await call(url, 'POST', '/api/dev/token', { json: { userId: 'bob' } });
    expect(response.status).toBe(400);
    expect((response.body as { error: { message: string } }).error.message).toMatch(
      /userId: must be a GUID.*name: is required/,
    );
  });
});

describe('tab API under AUTH_MODE=entra', () => {
  it('has no dev routes and refuses dev tokens', async () => {
    const entra = await startTestService(storage.connectionString, {
      AUTH_MODE: 'entra',
      ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      ENTRA_TENANT_ID: '66666666-7777-4888-9999-000000000000',
      BOT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_PASSWORD: 'a-client-secret',
      BOT_TENANT_ID: '66666666-7777-4888-9999-000000000000',
    });
    try {
      const token = await call(entra.url, 'POST', '/api/dev/token', { json: MENTOR });
      expect(token).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      expect((await call(entra.url, 'GET', '/api/dev/users')).status).toBe(404);
      const clock = await call(entra.url, 'POST', '/api/dev/clock', {
        json: { now: '2030-01-01T00:00:00Z' },
      });
      expect(clock.status).toBe(404);
      expect((await call(entra.url, 'POST', '/api/dev/run-jobs', { json: {} })).status).toBe(404);
      expect((await call(entra.url, 'GET', '/api/dev/metrics')).status).toBe(404);
      const me = await call(entra.url, 'GET', '/api/me', { token: coordinatorToken });
      expect(me).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    } finally {
      await entra.stop();
    }
  });
});
