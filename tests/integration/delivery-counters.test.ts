import { deliveryCounts } from '../../bot/src/features/announcements/domain/announcement';
import { isChannelRow } from '../../bot/src/features/announcements/domain/delivery-report';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { createRepositories } from '../../bot/src/app/repositories';
import { TableStore, resolveStorage } from '../../bot/src/platform/storage/table-store';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import {
  COORDINATOR_USER,
  type DeliveryReport,
  cohortOfPairs,
  deliveries,
  finished,
  inFlightAt,
  installAll,
  people,
  setClock,
  tally,
  waitUntil,
} from '../support/fleet';
import { COORDINATOR } from '../support/journey-fixture';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { call, devToken, startTestStorage } from '../support/test-service';

/**
 * The counts-only report is answered from the delivery counters (one per recipient bucket),
 * not from every person's row. Whatever happens to a send (Teams throttling and failing, a
 * process killed between a person's intent and outcome, the survivors retrying, "resend to
 * unconfirmed", "Got it"), the counters must end equal to the rows.
 */

const PEOPLE = people(120, 'e1000000');
const TITLE = 'Lifts out of service on Thursday';

let storage: EmbeddedStorage;
let connector: FakeConnector;
let env: Record<string, string>;
const processes: ServiceProcess[] = [];
const killed = new Set<ServiceProcess>();

beforeAll(async () => {
  storage = await startTestStorage();
  connector = await startFakeConnector();
  env = {
    TABLES_CONNECTION_STRING: storage.connectionString,
    COORDINATOR_IDS: COORDINATOR.userId,
    SCHEDULER_INTERVAL_SECONDS: '1',
    ANNOUNCE_POLL_MS: '50',
    ANNOUNCE_CONCURRENCY: '4',
  };
  processes.push(await startServiceProcess(env));
}, 600_000);

afterAll(async () => {
  // Only the live ones: a SIGKILLed process has no exit code, and stop() would wait for it.
  await Promise.all(processes.filter((p) => !killed.has(p)).map((p) => p.stop()));
  for (const p of processes) p.kill();
  await connector?.stop();
  await storage?.stop();
});

describe('delivery counters', () => {
  it('equal the rows after a send through 429s, 503s, a SIGKILL, a restart and a resend', async () => {
    const first = processes[0]!;
    await setClock([first], '2027-03-01T07:00:00Z');
    await installAll([first], connector, [COORDINATOR_USER, ...PEOPLE]);
    const token = await devToken(first.url, COORDINATOR);
    const cohortId = await cohortOfPairs(first.url, token, 'Facilities cohort', PEOPLE);
    const store = new TableStore(
      resolveStorage({ kind: 'connection-string', connectionString: storage.connectionString }),
    );
    const repo = createRepositories(store).announcements;

    // Teams slow (sends in flight at the kill), throttling and failing: every row is retried.
    connector.clear();
    connector.configure({
      latencyMs: 300,
      faults: { serverErrorRate: 0.2, serverErrorStatuses: [503] },
    });
    connector.failNext(15, 429);
    const created = await call<{ id: string }>(
      first.url,
      'POST',
      `/api/cohorts/${cohortId}/announcements`,
      { token, json: { title: TITLE, text: 'Use the stairs by the café.', audience: 'cohort' } },
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    const sent = () => tally(deliveries(connector, PEOPLE, new RegExp(TITLE))).once;
    await waitUntil(() => sent() >= 30, 60_000, 'the send to be under way', 20);

    first.kill();
    killed.add(first);
    const killedAt = Date.now();
    await first.exited;
    const inFlightAtKill = inFlightAt(connector, killedAt).length;

    // A new process, five minutes on: the dead one's leases lapse (its sends become
    // unconfirmed) and its queue messages come back.
    const second = await startServiceProcess(env);
    processes.push(second);
    await setClock([second], '2027-03-01T07:05:00Z');
    const url = () => second.url;
    const done = await finished(url, token, cohortId, id, 180_000);
    await expectCountersEqualRows(url(), token, cohortId, id, done);

    // Resend to the unconfirmed, and a few "Got it": both move rows, so both move counters.
    const resend = await call<{ queued: number }>(
      url(),
      'POST',
      `/api/cohorts/${cohortId}/announcements/${id}/resend-unconfirmed`,
      { token },
    );
    expect(resend.status).toBe(200);
    const rows = await repo.listRecipients(id);
    for (const r of rows.filter((row) => row.value.status === 'sent').slice(0, 5)) {
      await repo.replaceRecipient({ ...r.value, acknowledgedAt: '2027-03-01T07:06:00Z' }, r);
    }
    const again = await finished(url, token, cohortId, id, 180_000);
    const counts = await expectCountersEqualRows(url(), token, cohortId, id, again);

    const stats = connector.stats();
    process.stdout.write(
      `delivery counters figures: ${JSON.stringify({
        inFlightAtKill,
        unconfirmedBeforeResend: done.counts.unconfirmed,
        resent: resend.body.queued,
        final: counts,
        byStatus: stats.byStatus,
      })}\n`,
    );
    // The run really had what it is about: throttling, failures, a kill mid-send.
    expect(stats.byStatus['429'] ?? 0).toBeGreaterThan(0);
    expect(stats.byStatus['503'] ?? 0).toBeGreaterThan(0);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(counts.total).toBe(PEOPLE.length);
    expect(counts.acknowledged).toBe(5);
  }, 600_000);

  /** The counts-only answer (counters), the full report and the rows in storage agree. */
  async function expectCountersEqualRows(
    url: string,
    token: string,
    cohortId: string,
    id: string,
    full: DeliveryReport,
  ): Promise<Record<string, number>> {
    const countsOnly = await call<DeliveryReport & { recipientsIncluded: boolean }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/announcements/${id}?recipients=none`,
      { token },
    );
    expect(countsOnly.body.recipientsIncluded).toBe(false);
    const store = new TableStore(
      resolveStorage({ kind: 'connection-string', connectionString: storage.connectionString }),
    );
    const repo = createRepositories(store).announcements;
    const rows = (await repo.listRecipients(id))
      .map((r) => r.value)
      .filter((r) => !isChannelRow(r));
    const fromRows = deliveryCounts(rows);
    expect({ counters: await repo.counts(id), api: countsOnly.body.counts }).toEqual({
      counters: fromRows,
      api: fromRows,
    });
    expect(full.counts).toEqual(fromRows);
    return fromRows as unknown as Record<string, number>;
  }
});
