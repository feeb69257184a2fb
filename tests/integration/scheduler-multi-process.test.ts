import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TableClient } from '@azure/data-tables';
import type { Job } from '../../bot/src/platform/storage/jobs/job';
import { JobStore } from '../../bot/src/platform/storage/jobs/job-store';
import {
  type HandlerResult,
  Scheduler,
  defaultRetryDelayMs,
} from '../../bot/src/platform/storage/jobs/scheduler';
import { createLogger } from '../../bot/src/platform/logger';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { decodeKey } from '../../bot/src/platform/storage/versioned';
import { startTestStorage } from '../support/test-service';

let storage: EmbeddedStorage;
let prefixes = 0;

beforeAll(async () => {
  storage = await startTestStorage();
});

afterAll(() => storage.stop());

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const log = createLogger('silent');

async function freshTables(): Promise<{ store: TableStore; prefix: string }> {
  const prefix = `sm${++prefixes}`;
  const store = new TableStore(
    { kind: 'connection-string', connectionString: storage.connectionString },
    prefix,
  );
  await store.ensureTables();
  for (const name of ['Deliveries', 'Duplicates', 'FailedOnce']) {
    await client(prefix, name).createTable();
  }
  return { store, prefix };
}

function client(prefix: string, name: string): TableClient {
  return TableClient.fromConnectionString(storage.connectionString, `${prefix}${name}`, {
    allowInsecureConnection: true,
  });
}

function job(id: string, dueAt: number, payload: Job['payload'] = {}): Job {
  return {
    id,
    kind: 'booking-nudge',
    dueAt: new Date(dueAt).toISOString(),
    cohortId: 'c1',
    pairId: id.split(':')[1] ?? 'p',
    recipientId: 'u1',
    payload,
  };
}

async function all(table: TableClient): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const row of table.listEntities()) rows.push(row);
  return rows;
}

// ---------------------------------------------------------------------------------------------

describe('Scheduler in one process', () => {
  function setup(store: TableStore, start: number, handler: (job: Job) => Promise<HandlerResult>) {
    let now = start;
    const clock = () => new Date(now);
    const jobs = new JobStore(store, { clock });
    const scheduler = new Scheduler(jobs, handler, { owner: 'solo', clock, log });
    return { jobs, scheduler, advance: (ms: number) => (now += ms), clock };
  }

  it('retries a throwing job with backoff and marks it failed after the fifth attempt', async () => {
    const { store } = await freshTables();
    const start = Date.parse('2027-03-01T09:00:00Z');
    let calls = 0;
    const { jobs, scheduler, advance } = setup(store, start, async () => {
      calls++;
      throw new Error('Teams said no');
    });
    await jobs.schedule([job('flaky:p1', start)]);

    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(scheduler.tick()).resolves.toMatchObject({ retried: 1, failed: 0 });
      await expect(scheduler.tick()).resolves.toMatchObject({ retried: 0 }); // not yet due again
      advance(defaultRetryDelayMs(attempt));
    }
    await expect(scheduler.tick()).resolves.toMatchObject({ failed: 1, retried: 0 });
    advance(DAY);
    await expect(scheduler.tick()).resolves.toMatchObject({ failed: 0, processed: 0 });
    expect(calls).toBe(5);
    expect(await jobs.get('flaky:p1')).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'Error: Teams said no',
    });
  });

  it('moves a job when the handler asks for a later time, and runs it then', async () => {
    const { store } = await freshTables();
    const start = Date.parse('2027-03-01T20:00:00Z');
    const seen: string[] = [];
    const { jobs, scheduler, advance, clock } = setup(store, start, async () => {
      seen.push(clock().toISOString());
      return seen.length === 1 ? { retryAt: new Date('2027-03-02T09:00:00Z') } : 'done';
    });
    await jobs.schedule([job('quiet:p1', start)]);

    await expect(scheduler.tick()).resolves.toMatchObject({ retried: 1 });
    advance(12 * 60 * MIN);
    await expect(scheduler.tick()).resolves.toMatchObject({ processed: 0 });
    advance(60 * MIN);
    await expect(scheduler.tick()).resolves.toMatchObject({ processed: 1 });
    expect(seen).toEqual(['2027-03-01T20:00:00.000Z', '2027-03-02T09:00:00.000Z']);
    expect(await jobs.get('quiet:p1')).toMatchObject({ status: 'done', attempts: 0 });
  });

  it('never overlaps ticks, and stop() lets running handlers finish', async () => {
    const { store } = await freshTables();
    const start = Date.parse('2027-03-01T09:00:00Z');
    let running = 0;
    let most = 0;
    let started = 0;
    const { jobs, scheduler } = setup(store, start, async () => {
      started++;
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 100));
      running--;
      return 'done';
    });
    await jobs.schedule(Array.from({ length: 20 }, (_, i) => job(`slow:p${i}`, start)));

    const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(a).toBe(b);
    expect(a.processed).toBe(20);
    expect(most).toBeLessThanOrEqual(8);

    await jobs.schedule(Array.from({ length: 20 }, (_, i) => job(`more:p${i}`, start)));
    scheduler.start();
    // Stopped as soon as the first of the new jobs is under way (however slow storage is today).
    while (started <= 20) await new Promise((resolve) => setTimeout(resolve, 5));
    await scheduler.stop();
    expect(running).toBe(0);
    const left = await jobs.due(new Date(start));
    const finished = 20 - left.length;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(20); // stopped part-way: the rest waits for the next instance
    // Nothing it stopped short of is still claimed: another instance takes it at once.
    const other = new JobStore(store);
    for (const d of left) await expect(other.claim(d, 'next', new Date(start))).resolves.toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

interface Worker {
  owner: string;
  child: ChildProcess;
  ready: Promise<void>;
  lines: Record<string, unknown>[];
  stderr: string[];
  exited: Promise<number | null>;
}

const WORKER = path.join(__dirname, '../support/scheduler-worker.ts');

function startWorker(owner: string, env: Record<string, string>): Worker {
  // tsx as a loader, not its CLI (which kills a child slow to acknowledge a relayed signal).
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, ...env, OWNER: owner },
    stdio: ['pipe', 'pipe', 'pipe'],
    // tsx runs the script in a child of its own: a group of its own lets SIGKILL reach both.
    detached: true,
  });
  const worker: Worker = {
    owner,
    child,
    ready: Promise.resolve(),
    lines: [],
    stderr: [],
    // 'close' waits for every holder of its pipes, so for tsx's child too.
    exited: new Promise((resolve) => child.once('close', (code) => resolve(code))),
  };
  worker.ready = new Promise((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      worker.lines.push(parsed);
      if (parsed.event === 'ready') resolve();
    });
  });
  child.stderr!.on('data', (chunk: Buffer) => worker.stderr.push(chunk.toString()));
  return worker;
}

/** SIGKILL cannot be relayed, so it goes to the process group: tsx and the worker it runs. */
function killGroup(worker: Worker): void {
  try {
    process.kill(-worker.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Starts every worker's simulated clock at the same real instant, once all have booted. */
async function go(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.ready));
  const line = `${JSON.stringify({ realStart: Date.now() })}\n`;
  for (const w of workers) w.child.stdin!.write(line);
}

const delivered = (w: Worker) => w.lines.filter((l) => l.event === 'delivered');
const finished = (w: Worker) => w.lines.find((l) => l.event === 'finished');

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function expectExit(worker: Worker): Promise<void> {
  const code = await worker.exited;
  if (code !== 0) throw new Error(`${worker.owner} exited ${code}: ${worker.stderr.join('')}`);
}

describe('Scheduler across two OS processes', () => {
  // Generous limits: the tests wait on conditions, and a busy machine only makes them slower.
  jest.setTimeout(900_000);
  const workers: Worker[] = [];

  afterEach(() => {
    for (const w of workers.splice(0)) if (w.child.exitCode === null) killGroup(w);
  });

  it('delivers 200 pairs × 6 jobs over a simulated month exactly once', async () => {
    const { store, prefix } = await freshTables();
    const simStart = Date.parse('2027-03-01T00:00:00Z');
    const jobs: Job[] = [];
    for (let pair = 0; pair < 200; pair++) {
      for (let n = 0; n < 6; n++) {
        // Spread over 30 days at all hours, so about two in three land in quiet hours and
        // move; one in ten fails its first attempt and is retried after a backoff.
        const dueAt = simStart + (((pair * 6 + n) * 7919 * MIN) % (30 * DAY));
        jobs.push(job(`booking:p${pair}:${n + 1}:u`, dueAt, { flaky: (pair + n) % 10 === 0 }));
      }
    }
    await new JobStore(store, { clock: () => new Date(simStart) }).schedule(jobs);

    // A simulated month in 40 real seconds: each working day (09:00–17:00) lasts 440 ms.
    const speed = (30 * DAY) / 40_000;
    const env = {
      CONNECTION_STRING: storage.connectionString,
      TABLE_PREFIX: prefix,
      SIM_START: new Date(simStart).toISOString(),
      SPEED: String(speed),
      // A minute of real time: no send on a loaded machine takes that long, so a lease never
      // lapses under a live worker and a repeat can only mean a real fault.
      LEASE_MS: String(60_000 * speed),
      LAG_MINUTES: String(Math.ceil((2_000 * speed) / MIN)), // two real seconds
      CONCURRENCY: '4',
      TICK_MS: '10',
      QUIET_HOURS: '1',
      MAX_REAL_MS: '600000',
    };
    workers.push(startWorker('alpha', env), startWorker('beta', env));
    await go(workers);
    const firstSends = () => workers.flatMap(delivered).filter((l) => !l.duplicate).length;
    await waitFor(() => firstSends() >= jobs.length, 600_000);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map(expectExit));

    const deliveries = await all(client(prefix, 'Deliveries'));
    const duplicates = await all(client(prefix, 'Duplicates'));
    expect(duplicates).toEqual([]);
    expect(deliveries.map((d) => decodeKey(String(d.partitionKey))).sort()).toEqual(
      jobs.map((j) => j.id).sort(),
    );
    const sends = workers.map((w) => Number(finished(w)?.sends));
    expect(sends.reduce((a, b) => a + b, 0)).toBe(jobs.length);
    expect(sends.every((s) => s > 0)).toBe(true); // both really took part
    const total = (name: string) => workers.reduce((n, w) => n + Number(finished(w)?.[name]), 0);
    expect(total('processed')).toBe(jobs.length);
    expect(total('retried')).toBeGreaterThan(jobs.length / 2); // quiet hours and first failures
    expect(total('claimedByOthers')).toBeGreaterThan(0); // they really competed
    for (const d of deliveries) {
      const hour = new Date(String(d.at)).getUTCHours();
      expect(hour >= 9 && hour < 17).toBe(true);
    }
    const pending = await new JobStore(store).allRows();
    expect(pending.filter((row) => row.status !== 'done')).toEqual([]);
  });

  it('loses nothing when a process is killed mid-tick; only its in-flight sends may repeat', async () => {
    const { store, prefix } = await freshTables();
    const now = Date.now();
    const jobs = Array.from({ length: 300 }, (_, i) => job(`kill:p${i}:1:u`, now));
    await new JobStore(store).schedule(jobs);

    const concurrency = 4;
    const env = {
      CONNECTION_STRING: storage.connectionString,
      TABLE_PREFIX: prefix,
      SIM_START: new Date(now).toISOString(),
      SPEED: '1',
      SIM_END: new Date(now + 1000).toISOString(),
      LEASE_MS: '10000', // outlives any tick on a loaded machine; the survivor waits it out
      HANDLER_DELAY_MS: '50',
      CONCURRENCY: String(concurrency),
      TICK_MS: '50',
      MAX_REAL_MS: '600000',
    };
    const victim = startWorker('victim', env);
    const survivor = startWorker('survivor', env);
    workers.push(victim, survivor);
    await go(workers);
    await waitFor(() => delivered(victim).length >= 20, 300_000);
    killGroup(victim);
    await victim.exited;
    await expectExit(survivor);

    const deliveries = await all(client(prefix, 'Deliveries'));
    const duplicates = await all(client(prefix, 'Duplicates'));
    expect(deliveries.map((d) => decodeKey(String(d.partitionKey))).sort()).toEqual(
      jobs.map((j) => j.id).sort(),
    );
    expect(duplicates.length).toBeLessThanOrEqual(concurrency);
    const firstOwner = new Map(deliveries.map((d) => [d.partitionKey, d.owner]));
    for (const d of duplicates) {
      // A repeat is only ever the survivor re-sending what the victim had in flight.
      expect(d.owner).toBe('survivor');
      expect(firstOwner.get(d.partitionKey)).toBe('victim');
    }
    const byVictim = deliveries.filter((d) => d.owner === 'victim').length;
    // The victim may die between a send and saying so; the survivor ends cleanly and says all.
    expect(delivered(victim).length).toBeGreaterThanOrEqual(20);
    expect(delivered(victim).length).toBeLessThanOrEqual(byVictim);
    expect(Number(finished(survivor)?.sends)).toBe(jobs.length - byVictim + duplicates.length);
    expect(Number(finished(survivor)?.claimedByOthers)).toBeGreaterThan(0); // met live leases
    const rows = await new JobStore(store).allRows();
    expect(rows.filter((row) => row.status !== 'done')).toEqual([]);
  });
});
