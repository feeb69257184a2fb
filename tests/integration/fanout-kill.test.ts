import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { type FakeConnector, startFakeConnector, visibleText } from '../support/fake-connector';
import { type FanoutCohort, seedFanoutCohort } from '../support/fanout-cohort';
import { COORDINATOR } from '../support/journey-fixture';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { call, devToken, startTestStorage } from '../support/test-service';

/**
 * Announcements fanned out by two service processes sharing one Azurite (tables and the queue)
 * and one fake Bot Connector, as two App Service instances would. One is killed mid-send and
 * started again: everyone ends delivered exactly once, or reported unconfirmed (never more than
 * the killed process had in flight), and nobody gets it twice.
 */

const PEOPLE = 200;
/** Lanes per process: at most this many of its sends are in flight when it dies. */
const CONCURRENCY = 4;

let storage: EmbeddedStorage;
let connector: FakeConnector;
let cohort: FanoutCohort;
let a: ServiceProcess;
let b: ServiceProcess;
let token: string;
let env: Record<string, string>;

interface Report {
  announcement: { id: string; status: string };
  counts: Record<string, number>;
  recipients: { participantId: string; status: string; reason: string | null }[];
}

beforeAll(async () => {
  storage = await startTestStorage();
  connector = await startFakeConnector();
  const store = new TableStore({
    kind: 'connection-string',
    connectionString: storage.connectionString,
  });
  await store.ensureTables();
  cohort = await seedFanoutCohort(store, {
    people: PEOPLE,
    serviceUrl: connector.serviceUrl,
    createdBy: COORDINATOR.userId,
    idPrefix: 'fa000000',
  });
  env = {
    TABLES_CONNECTION_STRING: storage.connectionString,
    AUTH_MODE: 'dev',
    COORDINATOR_IDS: COORDINATOR.userId,
    ANNOUNCE_CONCURRENCY: String(CONCURRENCY),
    ANNOUNCE_POLL_MS: '100',
    ANNOUNCE_RATE_PER_SECOND: '40',
    ANNOUNCE_MAX_ATTEMPTS: '10',
  };
  [a, b] = await Promise.all([startServiceProcess(env), startServiceProcess(env)]);
  token = await devToken(a.url, COORDINATOR);
}, 600_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await connector?.stop();
  await storage?.stop();
});

async function announce(via: ServiceProcess, title: string): Promise<string> {
  const created = await call<{ id: string }>(
    via.url,
    'POST',
    `/api/cohorts/${cohort.cohortId}/announcements`,
    { token, json: { title, text: 'Sessions move to the new building.', audience: 'cohort' } },
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

async function report(id: string): Promise<Report> {
  const response = await call<Report>(
    a.url,
    'GET',
    `/api/cohorts/${cohort.cohortId}/announcements/${id}`,
    { token },
  );
  expect(response.status).toBe(200);
  return response.body;
}

/** Every recipient in a final state and the announcement marked sent. */
async function finished(id: string, timeoutMs = 90_000): Promise<Report> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await report(id);
    if (r.announcement.status === 'sent' && r.counts.queued === 0 && r.counts.sending === 0) {
      return r;
    }
    if (Date.now() > until) throw new Error(`not finished: ${JSON.stringify(r.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** How many copies of the titled message each participant received. */
function copies(title: string): Map<string, number> {
  const byConversation = new Map<string, number>();
  for (const r of connector.received) {
    if (!visibleText(r.activity).includes(title)) continue;
    byConversation.set(r.conversationId, (byConversation.get(r.conversationId) ?? 0) + 1);
  }
  return new Map(
    cohort.people.map((p) => [
      p.participantId,
      byConversation.get(`a:personal-${p.aadObjectId}`) ?? 0,
    ]),
  );
}

function total(counts: Map<string, number>): number {
  return [...counts.values()].reduce((x, y) => x + y, 0);
}

describe('fan-out across two processes', () => {
  it('one process killed mid-send and restarted: each once, or unconfirmed within what was in flight; the resend completes', async () => {
    connector.configure({ latencyMs: 250, rateLimits: false, faults: {} });
    const title = 'Rooms move to the Education Centre';
    const id = await announce(a, title);

    // Both processes are sending (each send takes 250 ms at the connector): kill one.
    const until = Date.now() + 30_000;
    while (total(copies(title)) < 60 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    b.kill();
    await b.exited;
    const atKill = total(copies(title));
    expect(atKill).toBeGreaterThanOrEqual(60);
    expect(atKill).toBeLessThan(PEOPLE);
    b = await startServiceProcess(env);

    const done = await finished(id);
    const got = copies(title);
    expect(connector.duplicates()).toEqual([]);
    expect([...got.values()].filter((n) => n > 1)).toEqual([]);
    const unconfirmed = done.recipients.filter((r) => r.status === 'unconfirmed');
    for (const r of done.recipients) {
      if (r.status === 'sent') expect(got.get(r.participantId)).toBe(1);
      else
        expect(r).toMatchObject({
          status: 'unconfirmed',
          reason: expect.stringMatching(/stopped/),
        });
    }
    // Only sends that were on their way when the process died are in doubt.
    expect(unconfirmed.length).toBeGreaterThanOrEqual(1);
    expect(unconfirmed.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(done.counts).toMatchObject({ total: PEOPLE, sent: PEOPLE - unconfirmed.length });

    // The coordinator resends to those in doubt: it completes, and only they can have two.
    const resend = await call<{ queued: number }>(
      b.url,
      'POST',
      `/api/cohorts/${cohort.cohortId}/announcements/${id}/resend-unconfirmed`,
      { token },
    );
    expect(resend.body.queued).toBe(unconfirmed.length);
    const resent = await finished(id);
    expect(resent.counts).toMatchObject({ total: PEOPLE, sent: PEOPLE, unconfirmed: 0 });
    const after = copies(title);
    const doubted = new Set(unconfirmed.map((r) => r.participantId));
    for (const p of cohort.people) {
      const n = after.get(p.participantId);
      if (doubted.has(p.participantId)) expect([1, 2]).toContain(n);
      else expect(n).toBe(1);
    }
  }, 600_000);

  it('blocked people, injected 5xx and 429s through both processes: exact counts, each once', async () => {
    connector.clear();
    // Together the two processes pace for 40 a second; the tenant allows 20: Teams answers 429.
    connector.configure({ latencyMs: 0, rateLimits: { globalPerSecond: 20 }, faults: {} });
    const blocked = cohort.people.slice(20, 25);
    for (const p of blocked) connector.block(p.aadObjectId);
    connector.failNext(3, 503);
    connector.failNext(2, 502);
    const title = 'Evaluation survey is open';
    const id = await announce(b, title);

    const done = await finished(id);
    for (const p of blocked) connector.unblock(p.aadObjectId);
    expect(done.counts).toMatchObject({
      total: PEOPLE,
      sent: PEOPLE - blocked.length,
      blocked: blocked.length,
      failed: 0,
      unconfirmed: 0,
    });
    const got = copies(title);
    const isBlocked = new Set(blocked.map((p) => p.participantId));
    for (const p of cohort.people) {
      expect(got.get(p.participantId)).toBe(isBlocked.has(p.participantId) ? 0 : 1);
    }
    for (const r of done.recipients.filter((r) => isBlocked.has(r.participantId))) {
      expect(r).toMatchObject({ status: 'blocked', reason: expect.stringMatching(/blocked/i) });
    }
    const stats = connector.stats();
    expect(stats.injectedFaults).toBe(5);
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.duplicates).toBe(0);
  }, 600_000);
});
