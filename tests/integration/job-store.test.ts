import type { Job } from '../../bot/src/platform/storage/jobs/job';
import {
  type DueJob,
  JobStore,
  bucketOf,
  jobsTableName,
} from '../../bot/src/platform/storage/jobs/job-store';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { encodeKey } from '../../bot/src/platform/storage/versioned';
import { CountingTableStore } from '../../bot/scripts/counting-table-store';
import { startTestStorage } from '../support/test-service';

let storage: EmbeddedStorage;
let tables = 0;

beforeAll(async () => {
  storage = await startTestStorage();
});

afterAll(() => storage.stop());

const T = Date.parse('2027-03-15T14:09:00Z');
const MIN = 60_000;
const at = (offsetMs: number) => new Date(T + offsetMs);

/** Fresh tables per test, so each starts with no watermark and no jobs. */
async function freshStore(): Promise<CountingTableStore> {
  const store = new CountingTableStore(storage.connectionString, `js${++tables}`);
  store.recordQueries = true;
  await store.ensureTables();
  return store;
}

function jobStore(store: CountingTableStore, now = at(-60 * MIN)): JobStore {
  return new JobStore(store, { clock: () => now });
}

function job(id: string, dueAt: Date, extra: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'booking-nudge',
    dueAt: dueAt.toISOString(),
    cohortId: 'c1',
    pairId: 'p1',
    recipientId: 'u1',
    payload: { meeting: 3, note: 'a/b#c?' },
    ...extra,
  };
}

async function rowsOf(store: CountingTableStore, id: string) {
  const rows = [];
  for (const row of await new JobStore(store).allRows()) {
    if (row.rowKey === encodeKey(id)) rows.push(row);
  }
  return rows;
}

const ids = (due: DueJob[]) => due.map((d) => d.job.id);

describe('JobStore against Azurite', () => {
  it('schedules each id once, even when it is scheduled again with another due time', async () => {
    const store = await freshStore();
    const jobs = jobStore(store);
    const first = job('booking:p1:3:u1', at(0));
    await expect(jobs.schedule([first, job('booking:p1:3:u2', at(0))])).resolves.toEqual({
      scheduled: 2,
      alreadyScheduled: 0,
    });
    const again = jobs.schedule([
      job('booking:p1:3:u1', at(90 * MIN)),
      job('booking:p1:3:u2', at(0)),
    ]);
    await expect(again).resolves.toEqual({ scheduled: 0, alreadyScheduled: 2 });
    await expect(jobStore(store).schedule([first])).resolves.toEqual({
      scheduled: 0,
      alreadyScheduled: 1,
    });

    expect(await rowsOf(store, first.id)).toHaveLength(1);
    const record = await jobs.get(first.id);
    expect(record).toMatchObject({ job: first, bucket: '202703151409', status: 'pending' });
  });

  it('restores the row when a process died between the index insert and the row insert', async () => {
    const store = await freshStore();
    const jobs = jobStore(store);
    const lost = job('booking:p1:1:u1', at(0));
    await jobs.schedule([lost]);
    await store
      .clientNamed(jobsTableName(store, '202703151409'))
      .deleteEntity('202703151409', encodeKey(lost.id));

    await expect(jobs.schedule([lost])).resolves.toEqual({ scheduled: 0, alreadyScheduled: 1 });
    expect(ids(await jobs.due(at(MIN)))).toEqual([lost.id]);
  });

  it('returns only pending jobs that are due, oldest first, and reads a key range only', async () => {
    const store = await freshStore();
    const jobs = jobStore(store);
    await jobs.schedule([
      job('later', at(10 * MIN)),
      job('now', at(0)),
      job('earlier', at(-2 * MIN)),
      job('this-minute-but-not-yet', at(30_000)),
    ]);

    expect(ids(await jobs.due(at(0)))).toEqual(['earlier', 'now']);
    expect(ids(await jobs.due(at(10 * MIN)))).toEqual([
      'earlier',
      'now',
      'this-minute-but-not-yet',
      'later',
    ]);
    expect(ids(await jobs.due(at(10 * MIN), 2))).toEqual(['earlier', 'now']);

    const jobQueries = store.stats.queries.filter((q) => /\/js\d+Jobs\d{8}\(\)/.test(q));
    expect(jobQueries.length).toBeGreaterThan(0);
    for (const query of jobQueries) {
      expect(query).toMatch(/PartitionKey ge '\d{12}' and PartitionKey le '\d{12}'/);
    }
  });

  it('lets exactly one of two owners claim a job', async () => {
    const store = await freshStore();
    await jobStore(store).schedule([job('j1', at(0))]);
    const [due] = await jobStore(store).due(at(0));
    const a = jobStore(store);
    const b = jobStore(store);

    const won = await Promise.all([a.claim(due!, 'a', at(0)), b.claim(due!, 'b', at(0))]);
    expect(won.filter(Boolean)).toHaveLength(1);
    // The winner's lease holds: a later claimant is still refused.
    await expect(jobStore(store).claim(due!, 'c', at(MIN))).resolves.toBe(false);
  });

  it('hands an expired lease to exactly one of the owners racing for it', async () => {
    const store = await freshStore();
    const jobs = jobStore(store);
    await jobs.schedule(Array.from({ length: 10 }, (_, i) => job(`race-${i}`, at(0))));
    const due = await jobs.due(at(0));
    expect(due).toHaveLength(10);
    const crashed = jobStore(store);
    for (const d of due) await expect(crashed.claim(d, 'crashed', at(0), 1000)).resolves.toBe(true);

    // Still leased: nobody may take it.
    await expect(jobStore(store).claim(due[0]!, 'early', at(500))).resolves.toBe(false);

    const racers = ['r1', 'r2', 'r3'].map((owner) => ({ owner, store: jobStore(store) }));
    for (const d of due) {
      const won = await Promise.all(racers.map((r) => r.store.claim(d, r.owner, at(5000))));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('no longer returns a completed job, and never lets it be claimed again', async () => {
    const store = await freshStore();
    const jobs = jobStore(store, at(0));
    await jobs.schedule([job('done-1', at(0)), job('skip-1', at(0)), job('open-1', at(0))]);
    const due = await jobs.due(at(0));
    const done = due.find((d) => d.job.id === 'done-1');
    const skipped = due.find((d) => d.job.id === 'skip-1');
    expect(await jobs.claim(done!, 'a', at(0))).toBe(true);
    expect(await jobs.claim(skipped!, 'a', at(0))).toBe(true);
    await jobs.complete(done!, 'done');
    await jobs.complete(skipped!, 'skipped', { reason: 'pair ended' });

    expect(ids(await jobs.due(at(MIN)))).toEqual(['open-1']);
    expect(await jobs.get('done-1')).toMatchObject({
      status: 'done',
      completedAt: expect.any(String),
    });
    expect(await jobs.get('skip-1')).toMatchObject({ status: 'skipped', lastError: 'pair ended' });
    // A copy read before completion is refused, long after any lease would have lapsed.
    await expect(jobStore(store).claim(done!, 'b', at(3_600_000))).resolves.toBe(false);
  });

  it('gives a released claim to the next owner at once', async () => {
    const store = await freshStore();
    const jobs = jobStore(store);
    await jobs.schedule([job('released', at(0))]);
    const [due] = await jobs.due(at(0));
    expect(await jobs.claim(due!, 'a', at(0))).toBe(true);
    await jobs.release(due!);
    await expect(jobStore(store).claim(due!, 'b', at(1000))).resolves.toBe(true);
  });

  it('moves a pending job to a new due time, leaving one row and refusing stale copies', async () => {
    const store = await freshStore();
    const jobs = jobStore(store, at(0));
    await jobs.schedule([job('quiet', at(0))]);
    const [before] = await jobs.due(at(0));
    expect(await jobs.claim(before!, 'a', at(0))).toBe(true);

    expect(
      await jobs.reschedule('quiet', at(120 * MIN), { attempts: 1, reason: 'quiet hours' }),
    ).toBe(true);
    await jobs.release(before!);

    expect(ids(await jobs.due(at(MIN)))).toEqual([]);
    await expect(jobStore(store).claim(before!, 'stale', at(MIN))).resolves.toBe(false);
    const rows = await rowsOf(store, 'quiet');
    expect(rows.map((r) => r.partitionKey)).toEqual([bucketOf(at(120 * MIN))]);
    expect(await jobs.get('quiet')).toMatchObject({ attempts: 1, lastError: 'quiet hours' });

    const [after] = await jobs.due(at(120 * MIN));
    expect(after?.job.dueAt).toBe(at(120 * MIN).toISOString());
    expect(await jobStore(store).claim(after!, 'b', at(120 * MIN))).toBe(true);

    await expect(jobs.reschedule('missing', at(0))).resolves.toBe(false);
  });

  it('moves within the same minute in place, and refuses to move a finished job', async () => {
    const store = await freshStore();
    const jobs = jobStore(store, at(0));
    await jobs.schedule([job('nudge', at(0))]);
    expect(await jobs.reschedule('nudge', at(40_000))).toBe(true);
    expect(ids(await jobs.due(at(20_000)))).toEqual([]);
    const [due] = await jobs.due(at(40_000));
    expect(await jobs.claim(due!, 'a', at(40_000))).toBe(true);
    await jobs.complete(due!, 'done');
    await expect(jobs.reschedule('nudge', at(60 * MIN))).resolves.toBe(false);
  });

  it('recovers a move interrupted after the index switched: the job runs once, on time', async () => {
    const store = await freshStore();
    const jobs = jobStore(store, at(0));
    await jobs.schedule([job('interrupted', at(0))]);
    const key = encodeKey('interrupted');
    const later = bucketOf(at(30 * MIN));
    // What reschedule() had done when the process died: flag the row, switch the index.
    await store
      .clientNamed(jobsTableName(store, '202703151409'))
      .updateEntity({ partitionKey: '202703151409', rowKey: key, moved: true });
    await store
      .table('jobIndex')
      .updateEntity(
        { partitionKey: key, rowKey: '', bucket: later, dueAt: at(30 * MIN).toISOString() },
        'Merge',
      );

    const [leftover] = await jobs.due(at(MIN));
    expect(leftover?.moved).toBe(true);
    await expect(jobs.claim(leftover!, 'a', at(MIN))).resolves.toBe(false);
    expect((await rowsOf(store, 'interrupted')).map((r) => r.partitionKey)).toEqual([later]);
    expect(ids(await jobs.due(at(2 * MIN)))).toEqual([]);
    expect(ids(await jobs.due(at(30 * MIN)))).toEqual(['interrupted']);
  });

  it('advances the watermark past finished minutes but keeps a few minutes behind now', async () => {
    const store = await freshStore();
    const jobs = jobStore(store, at(-60 * MIN));
    await jobs.schedule([job('w1', at(0)), job('w2', at(3 * MIN))]);
    expect(await jobs.watermark()).toBe(bucketOf(at(0)));

    const due = await jobs.due(at(20 * MIN));
    expect(ids(due)).toEqual(['w1', 'w2']);
    expect(await jobs.watermark()).toBe(bucketOf(at(0))); // both still pending

    for (const d of due) {
      await jobs.claim(d, 'a', at(20 * MIN));
      await jobs.complete(d, 'done');
    }
    expect(await jobs.due(at(20 * MIN))).toEqual([]);
    expect(await jobs.watermark()).toBe(bucketOf(at(15 * MIN)));

    // A job due long ago, scheduled now, goes in the current minute: never behind the watermark.
    await jobStore(store, at(21 * MIN)).schedule([job('overdue', at(-3 * 24 * 60 * MIN))]);
    expect(ids(await jobs.due(at(21 * MIN)))).toEqual(['overdue']);
  });

  it('finds every job after a 3-day outage in one tick, and catches up on longer ones', async () => {
    const store = await freshStore();
    const jobs = jobStore(store);
    const halfHours = Array.from({ length: 3 * 48 }, (_, i) => job(`o3-${i}`, at(i * 30 * MIN)));
    await jobs.schedule(halfHours);

    const due = await jobs.due(at(3 * 24 * 60 * MIN + 5 * MIN));
    expect(ids(due)).toEqual(halfHours.map((j) => j.id));

    const longer = await freshStore();
    const longJobs = jobStore(longer);
    const days = Array.from({ length: 10 }, (_, i) => job(`o10-${i}`, at(i * 24 * 60 * MIN)));
    await longJobs.schedule(days);
    const now = at(10 * 24 * 60 * MIN);
    const found: string[] = [];
    for (let tick = 0; tick < 3 && found.length < days.length; tick++) {
      for (const d of await longJobs.due(now)) {
        found.push(d.job.id);
        await longJobs.claim(d, 'a', now);
        await longJobs.complete(d, 'done');
      }
    }
    expect(found).toEqual(days.map((j) => j.id));
  });
});
