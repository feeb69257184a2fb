import type { TableClient } from '@azure/data-tables';
import type { PublishResultView, RunView } from '../../bot/src/contracts/matching';
import { JobStore } from '../../bot/src/platform/storage/jobs/job-store';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { CountingTableStore } from '../../bot/scripts/counting-table-store';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { TestApplicants, applicant } from '../support/match-applicants';
import { call, devToken } from '../support/test-service';

/**
 * Publishing a matching run in batches, on the real service and Azurite: the storage reads of a
 * publish do not grow with the number of pairs (counted on the wire), and a publish cut short by
 * a storage outage midway is finished by the next one, with nobody added, paired, introduced or
 * told twice.
 */

/** What a request does: `POST Pairs`, or for a transaction `$batch` and the tables it writes. */
type Fault = (method: string, path: string, body: string) => boolean;

/** Counts requests, and fails those `fault` picks as a refused connection (an outage). */
class FaultyStore extends CountingTableStore {
  fault: Fault | undefined;

  protected override createClient(name: string): TableClient {
    const client = super.createClient(name);
    client.pipeline.addPolicy({
      name: 'inject-outage',
      sendRequest: async (request, next) => {
        const body = typeof request.body === 'string' ? request.body : '';
        if (this.fault?.(request.method, new URL(request.url).pathname, body)) {
          throw Object.assign(new Error('injected storage outage'), { code: 'ECONNREFUSED' });
        }
        return next(request);
      },
    });
    return client;
  }
}

const WAITER: TeamsUser = {
  aadObjectId: 'b1500000-0000-4000-8000-0000000000f1',
  name: 'Wendy Waiting',
};
const applicants = new TestApplicants();
let harness: BotHarness;
let store: FaultyStore;
let url: string;
let token: string;
let cohorts = 0;

beforeAll(async () => {
  harness = await startBotHarness(
    // The announcements' fan-out polls storage on its own clock: off, so only publishing counts.
    { COORDINATOR_IDS: COORDINATOR.userId, ANNOUNCE_POLL_MS: '0' },
    {
      matchApplicants: applicants,
      makeStore: (resolved) => {
        if (resolved.kind !== 'connection-string') throw new Error('needs a connection string');
        store = new FaultyStore(resolved.connectionString);
        return store;
      },
    },
  );
  url = harness.service.url;
  await harness.drive.setClock('2027-03-01T08:00:00Z');
  await harness.drive.install(WAITER);
  token = await devToken(url, COORDINATOR);
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

/** A cohort of `pairs` mentors and as many mentees, and one person no one can meet. */
async function cohortOf(pairs: number): Promise<{ cohortId: string; base: string }> {
  const n = ++cohorts;
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: `Batch cohort ${n}`, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  const cohortId = cohort.body.id;
  const people = Array.from({ length: pairs }, (_, i) => [
    applicant(`c${n}-mentor${i}`, { displayName: `Mentor ${i}` }),
    applicant(`c${n}-mentee${i}`, { displayName: `Mentee ${i}`, role: 'mentee', bandIndex: 6 }),
  ]).flat();
  applicants.byCohort.set(cohortId, [
    ...people,
    // In person only, in Leeds: nobody can meet them, so they go on the waiting list.
    applicant(`c${n}-waiter`, {
      displayName: WAITER.name,
      aadObjectId: WAITER.aadObjectId,
      meetingMode: 'in-person',
      location: 'Leeds',
    }),
  ]);
  return { cohortId, base: `/api/cohorts/${cohortId}/matching` };
}

async function runOf(base: string): Promise<RunView> {
  const run = await call<RunView>(url, 'POST', `${base}/runs`, { token, json: {} });
  expect(run.status).toBe(201);
  return run.body;
}

const publish = (base: string, run: RunView) =>
  call<PublishResultView>(url, 'POST', `${base}/runs/${run.id}/publish`, {
    token,
    json: {},
    headers: { 'if-match': run.etag },
  });

/** Storage reads (GET requests) made while `work` runs. */
async function readsDuring<T>(work: () => Promise<T>): Promise<{ reads: number; value: T }> {
  store.reset();
  const value = await work();
  const reads = [...store.stats.byOperation.entries()]
    .filter(([operation]) => operation.startsWith('GET '))
    .reduce((sum, [, { count }]) => sum + count, 0);
  return { reads, value };
}

/** What the cohort now holds: its roster, its pairs and each pair's scheduled introductions. */
async function holdings(cohortId: string) {
  const people = await call<{ participants: { id: string; email: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/participants`,
    { token },
  );
  const pairs = await call<{ pairs: { id: string; mentorId: string; menteeId: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/pairs`,
    { token },
  );
  const plain = new TableStore({
    kind: 'connection-string',
    connectionString: harness.storage.connectionString,
  });
  const introductions = (await new JobStore(plain).allRows())
    .filter((row) => row.kind === 'introduction' && row.cohortId === cohortId)
    .map((row) => String(row.id));
  return { people: people.body.participants, pairs: pairs.body.pairs, introductions };
}

function expectWhole(
  held: Awaited<ReturnType<typeof holdings>>,
  result: PublishResultView,
  pairs: number,
): void {
  expect(result.pairs).toHaveLength(pairs);
  expect(held.people).toHaveLength(2 * pairs);
  expect(new Set(held.people.map((p) => p.email)).size).toBe(2 * pairs);
  expect(held.pairs.map((p) => p.id).sort()).toEqual(result.pairs.map((p) => p.pairId).sort());
  const inPairs = held.pairs.flatMap((p) => [p.mentorId, p.menteeId]);
  expect(new Set(inPairs).size).toBe(2 * pairs);
  // Each new pair's introduction, one to each partner, scheduled once.
  const expected = held.pairs.flatMap((p) => [
    `introduction:${p.id}:${p.mentorId}`,
    `introduction:${p.id}:${p.menteeId}`,
  ]);
  expect([...held.introductions].sort()).toEqual(expected.sort());
}

it('reads the same from storage to publish 40 pairs as to publish 3', async () => {
  const small = await cohortOf(3);
  const large = await cohortOf(40);
  const smallRun = await runOf(small.base);
  const largeRun = await runOf(large.base);
  expect(largeRun.pairs).toHaveLength(40);

  const few = await readsDuring(() => publish(small.base, smallRun));
  const many = await readsDuring(() => publish(large.base, largeRun));
  expect([few.value.status, many.value.status]).toEqual([200, 200]);
  expect(many.value.body.alreadyPublished).toBe(false);
  expect(many.reads).toBe(few.reads);

  expectWhole(await holdings(large.cohortId), many.value.body, 40);
  expect(many.value.body.waitlisted).toEqual([
    { id: `c${cohorts}-waiter`, displayName: WAITER.name, told: true },
  ]);
  const outcomes = applicants.outcomes.filter((o) => o.cohortId === large.cohortId);
  expect(outcomes.filter((o) => o.outcome === 'matched')).toHaveLength(80);
  expect(outcomes.filter((o) => o.outcome === 'waitlisted')).toHaveLength(1);
}, 120_000);

it.each<[string, Fault]>([
  // The new people are in, no pair is: every write of a pair fails (alone or in a transaction).
  [
    'before any pair is written',
    (method, path, body) =>
      (method === 'POST' && path.endsWith('/Pairs')) ||
      (path.endsWith('$batch') && /\/Pairs\b/.test(body)),
  ],
  [
    'after some introductions are scheduled',
    (() => {
      let scheduled = 0;
      return (method, path) => method === 'POST' && /\/JobIndex$/.test(path) && ++scheduled > 15;
    })(),
  ],
])(
  'a publish cut short by a storage outage %s is finished by the next, nothing twice',
  async (_when, failing) => {
    const { cohortId, base } = await cohortOf(12);
    const run = await runOf(base);
    const toldBefore = harness.drive
      .inbox(WAITER)
      .filter((r) => /waiting list/.test(visibleText(r.activity))).length;

    store.fault = failing;
    const cut = await publish(base, run);
    store.fault = undefined;
    expect(cut.status).toBe(503);

    const finished = await publish(base, run);
    expect(finished.status).toBe(200);
    expect(finished.body.alreadyPublished).toBe(false);
    expectWhole(await holdings(cohortId), finished.body, 12);
    const told = harness.drive
      .inbox(WAITER)
      .filter((r) => /waiting list/.test(visibleText(r.activity))).length;
    expect(told - toldBefore).toBe(1);

    const again = await publish(base, run);
    expect(again.body).toMatchObject({ alreadyPublished: true, pairs: finished.body.pairs });
  },
  120_000,
);
