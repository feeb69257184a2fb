import type { RunningService } from '../../bot/src/app/service';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import type { JourneyDriver } from '../support/journey-driver';
import { type JsonResponse, call, devToken } from '../support/test-service';

/**
 * Bad input on the API (issue 13, items 5, 6, 8, 10 and 11): every refusal is a 400 (or a 404
 * for an id that cannot exist) naming the field and what to change, nothing is stored, and
 * nothing is reported as an outage.
 */

const AMA: TeamsUser = {
  aadObjectId: 'd0000000-0000-4000-8000-000000000001',
  name: 'Ama Boateng',
  timeZone: 'Europe/London',
};
const DEV: TeamsUser = {
  aadObjectId: 'd0000000-0000-4000-8000-000000000002',
  name: 'Dev Patel',
  timeZone: 'Europe/London',
};

let harness: BotHarness;
let service: RunningService;
let drive: JourneyDriver;
let coordinator = '';
let ama = '';
let cohortId = '';
let pairId = '';

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  ({ service, drive } = harness);
  // A programme from 1 March to 31 August 2027; the clock stands at 1 March, 10:00 London.
  cohortId = await activePair(drive, service.url, AMA, DEV);
  pairId = String(drive.actionData(AMA, 'contract.open').pairId);
  coordinator = await devToken(service.url, COORDINATOR);
  ama = await devToken(service.url, { userId: AMA.aadObjectId, name: AMA.name });
});

afterAll(() => harness.stop());

type Refusal = JsonResponse<{
  error: {
    code: string;
    message: string;
    details?: { fields: { field: string; message: string }[] };
  };
}>;

const post = (path: string, token: string, json: unknown) =>
  call(service.url, 'POST', path, { token, json }) as Promise<Refusal>;

/** The refused fields and their words. */
function fieldsOf(response: Refusal): Record<string, string> {
  expect(response.status).toBe(400);
  return Object.fromEntries(
    (response.body.error.details?.fields ?? []).map((f) => [f.field, f.message]),
  );
}

const event = (fields: Record<string, unknown>) => ({
  type: 'peer_support',
  title: 'Peer support',
  start: '2027-04-01T09:00:00Z',
  end: '2027-04-01T10:00:00Z',
  ...fields,
});

async function events(): Promise<unknown[]> {
  const list = await call<{ events: unknown[] }>(
    service.url,
    'GET',
    `/api/cohorts/${cohortId}/events`,
    { token: coordinator },
  );
  return list.body.events;
}

async function actions(): Promise<unknown[]> {
  const space = await call<{ actions: unknown[] }>(service.url, 'GET', `/api/pairs/${pairId}`, {
    token: ama,
  });
  return space.body.actions;
}

describe('numbers have a range (item 5)', () => {
  it('an event for 5,000 people is refused: capacity is 1 to 1,000', async () => {
    const eventsPath = `/api/cohorts/${cohortId}/events`;
    for (const capacity of [5000, 0, 1e12, 2.5]) {
      const refused = fieldsOf(await post(eventsPath, coordinator, event({ capacity })));
      expect(Object.keys(refused)).toEqual(['capacity']);
    }
    expect(fieldsOf(await post(eventsPath, coordinator, event({ capacity: 1001 }))).capacity).toBe(
      'must be at most 1000',
    );
    expect(await events()).toEqual([]);
  });
});

describe('dates that do not exist (item 6)', () => {
  it('an event starting "1", on 31 February, in the past, too far ahead or in year +275760 is refused', async () => {
    const eventsPath = `/api/cohorts/${cohortId}/events`;
    for (const [start, end] of [
      ['1'],
      ['2027-02-31T09:00:00Z'],
      ['+275760-09-13T00:00:00.000Z', '+275760-09-13T01:00:00.000Z'],
      ['2027-04-01T09:00:00'], // no zone: whose 09:00?
      ['2027-04-01T25:00:00Z'],
      ['2027-02-01T09:00:00Z'], // the past
      ['2030-04-01T09:00:00Z', '2030-04-01T10:00:00Z'], // three years ahead
    ]) {
      const refused = fieldsOf(
        await post(eventsPath, coordinator, event({ start, ...(end ? { end } : {}) })),
      );
      expect(refused.start).toMatch(/real date and time|in the past|two years ahead/);
    }
    expect(await events()).toEqual([]);
    const good = await post(eventsPath, coordinator, event({ start: '2027-04-01T10:00:00+01:00' }));
    expect(good.status).toBe(201);
  });

  it('an action due 2027-02-31, 9999-99-99, 0000-00-00 or far outside the programme is not stored', async () => {
    for (const dueDate of ['2027-02-31', '9999-99-99', '0000-00-00', '2099-01-31', '2027-02-28']) {
      const refused = fieldsOf(
        await post(`/api/pairs/${pairId}/actions`, ama, {
          text: 'Shadow a shift',
          owner: 'me',
          dueDate,
        }),
      );
      expect(refused.dueDate).toMatch(/real date|has passed|between 2026-11-29 and 2027-12-01/);
    }
    expect(await actions()).toEqual([]);
  });

  it('a cohort in year 9999 is refused', async () => {
    const refused = fieldsOf(
      await post('/api/cohorts', coordinator, {
        name: 'Far future',
        startDate: '9999-01-01',
        endDate: '9999-12-31',
      }),
    );
    expect(Object.keys(refused).sort()).toEqual(['endDate', 'startDate']);
  });
});

describe('ids that cannot exist (item 8)', () => {
  it('are 404 before any storage call, never a 503 outage', async () => {
    for (const path of [
      '/api/cohorts/a%2Fb',
      '/api/cohorts/a%2Fb/events',
      `/api/cohorts/${cohortId}/events/a%2Fb/ics`,
      '/api/pairs/a%2Fb',
      `/api/pairs/${pairId}/goals/%00`,
    ]) {
      const answer = await call(service.url, path.endsWith('/%00') ? 'PUT' : 'GET', path, {
        token: coordinator,
        json: {},
      });
      expect(answer.status).toBe(404);
    }
    expect((await call(service.url, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('long and hidden text (items 10 and 11)', () => {
  it('a 20 KB unknown field or roster column is named by an excerpt, never whole', async () => {
    const long = 'x'.repeat(20_000);
    const body = await post('/api/cohorts', coordinator, {
      name: 'Echo',
      startDate: '2027-03-01',
      endDate: '2027-08-31',
      [long]: 1,
    });
    expect(body.status).toBe(400);
    expect(JSON.stringify(body.body).length).toBeLessThan(1_000);

    const roster = await call(service.url, 'POST', `/api/cohorts/${cohortId}/roster`, {
      token: coordinator,
      body: `email,display_name,role,${long}\na@trust.nhs.uk,Ann,mentor,1`,
      contentType: 'text/csv',
    });
    expect(roster.status).toBe(400);
    expect(JSON.stringify(roster.body).length).toBeLessThan(2_000);
  });

  it('control characters, direction overrides and lone surrogates are refused per field', async () => {
    const names = ['Cohort\u202Eevil', 'Cohort\u0000one', 'Cohort\u001b[31m', 'Cohort\ud800x'];
    for (const name of names) {
      const refused = fieldsOf(
        await post('/api/cohorts', coordinator, {
          name,
          startDate: '2027-03-01',
          endDate: '2027-08-31',
        }),
      );
      expect(refused.name).toMatch(/^must not contain/);
    }
    const goal = fieldsOf(
      await post(`/api/pairs/${pairId}/goals`, ama, { text: 'Learn\u2066 more', note: 'ok\nfine' }),
    );
    expect(Object.keys(goal)).toEqual(['text']);
    const title = fieldsOf(
      await post(`/api/cohorts/${cohortId}/events`, coordinator, event({ title: 'Tea\u0007time' })),
    );
    expect(Object.keys(title)).toEqual(['title']);
    const roster = await call<{ error: { details: { problems: { column: string }[] } } }>(
      service.url,
      'POST',
      `/api/cohorts/${cohortId}/roster`,
      {
        token: coordinator,
        body: 'email,display_name,role\nzed@trust.nhs.uk,Zed\u202Egnp.exe,mentor',
        contentType: 'text/csv',
      },
    );
    expect(roster.status).toBe(400);
    expect(roster.body.error.details.problems).toEqual([
      expect.objectContaining({ line: 2, column: 'display_name' }),
    ]);

    const cohorts = await call<{ cohorts: { name: string }[] }>(
      service.url,
      'GET',
      '/api/cohorts',
      {
        token: coordinator,
      },
    );
    expect(cohorts.body.cohorts.map((c) => c.name)).not.toContainEqual(
      expect.stringMatching(/evil|one/),
    );
    expect(await actions()).toEqual([]);
    const space = await call<{ goals: unknown[] }>(service.url, 'GET', `/api/pairs/${pairId}`, {
      token: ama,
    });
    expect(space.body.goals).toEqual([]);
  });
});
