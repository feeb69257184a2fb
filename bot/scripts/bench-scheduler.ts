import { TableClient, type TransactionAction } from '@azure/data-tables';
import type { Job } from '../src/platform/storage/jobs/job';
import {
  JobStore,
  bucketOf,
  jobsTableName,
  toJobEntity,
} from '../src/platform/storage/jobs/job-store';
import { Scheduler } from '../src/platform/storage/jobs/scheduler';
import { createLogger } from '../src/platform/logger';
import { MAX_BATCH, eachLimited } from '../src/platform/storage/batch';
import { startEmbeddedStorage } from '../src/platform/storage/embedded-azurite';
import { TableStore } from '../src/platform/storage/table-store';
import { encodeKey } from '../src/platform/storage/versioned';
import { CountingTableStore, type RequestStats } from './counting-table-store';

/**
 * What one scheduler tick costs as the number of active pairs grows.
 *
 * For each size it fills a fresh Azurite with every pair's jobs over six months (written
 * straight into `Jobs` in transactions of 100 per bucket; JobIndex is left out because a tick
 * never reads it for unmoved jobs, and one row per partition would make the fill take hours),
 * puts exactly 500 jobs due at the tick time, and measures ticks that process those 500 with a
 * no-op handler: wall time, storage requests and entities read. The goal: 50,000 pairs cost
 * about what 1,000 do, because a tick only reads the minutes it is due to read.
 *
 *   npm run bench:scheduler                       (1,000 then 50,000 pairs)
 *   BENCH_PAIRS=1000,5000 npm run bench:scheduler (other sizes)
 */

// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2027, 0, 4); // a Monday
const TICK_AT = START + 90 * DAY + 12 * HOUR; // mid-programme, at noon: no fill rows nearby
const DUE_AT_TICK = 500;
const ROUNDS = 3;
const WINDOWS = 6;
const WRITERS = 4;

interface RoundFigures {
  wallMs: number;
  requests: number;
  entitiesRead: number;
  byOperation: Map<string, { count: number; ms: number }>;
}

interface SizeFigures {
  pairs: number;
  jobs: number;
  fillMs: number;
  rounds: RoundFigures[];
  probe: WriteProbe;
}

/** Median latency of one lone write, per table: shows where the emulator's time goes. */
interface WriteProbe {
  jobsMs: number;
  claimsMs: number;
}

interface FillJob {
  bucket: string;
  job: Job;
}

/**
 * Every pair's programme: per window a booking nudge to each partner at 09:mm on the day it
 * opens, and the window's close at 17:mm 29 days later. Pairs start over a month.
 *
 * Fill ids begin with the due minute. Ids are opaque to the scheduler; this only makes the fill
 * arrive in key order, which Azurite's in-memory indexes take as cheap appends (out of order,
 * each insert costs time in proportion to the table, and 900,000 took six minutes).
 */
function pairJobs(i: number): FillJob[] {
  const opens = START + (i % 30) * DAY + 9 * HOUR + (i % 60) * 60_000;
  const jobs: FillJob[] = [];
  for (let w = 1; w <= WINDOWS; w++) {
    const open = opens + (w - 1) * 30 * DAY;
    for (const role of ['mentor', 'mentee']) {
      jobs.push(fillJob('booking-nudge', open, i, w, role));
    }
    jobs.push(fillJob('window-close', open + 29 * DAY + 8 * HOUR, i, w));
  }
  return jobs;
}

function fillJob(kind: Job['kind'], at: number, i: number, window: number, role?: string) {
  const bucket = bucketOf(new Date(at));
  const id = `${bucket}:${kind}:pair-${i}:${window}${role ? `:${role}` : ''}`;
  return { bucket, job: job(id, kind, at, i, window, role) };
}

function job(id: string, kind: Job['kind'], at: number, i: number, window: number, role?: string) {
  const made: Job = {
    id,
    kind,
    dueAt: new Date(at).toISOString(),
    cohortId: `cohort-${i % 50}`,
    pairId: `pair-${i}`,
    payload: { window },
  };
  if (role) made.recipientId = `pair-${i}-${role}`;
  return made;
}

/** Writes the programme's jobs in key order; ones already past at the tick time as done. */
async function fill(store: TableStore, pairs: number): Promise<number> {
  const all: FillJob[] = [];
  for (let i = 0; i < pairs; i++) all.push(...pairJobs(i));
  all.sort((a, b) => (a.job.id < b.job.id ? -1 : 1));
  const batches: TransactionAction[][] = [];
  for (let k = 0; k < all.length;) {
    const bucket = all[k]!.bucket;
    const actions: TransactionAction[] = [];
    for (; k < all.length && all[k]!.bucket === bucket && actions.length < MAX_BATCH; k++) {
      const { job: made } = all[k]!;
      const status = Date.parse(made.dueAt) < TICK_AT ? 'done' : 'pending';
      actions.push(['create', toJobEntity(made, bucket, status)]);
    }
    batches.push(actions);
  }
  await eachLimited(batches, WRITERS, async (actions) => {
    const bucket = String((actions[0]![1] as { partitionKey: string }).partitionKey);
    await store.ensureTableNamed(jobsTableName(store, bucket));
    await store.clientNamed(jobsTableName(store, bucket)).submitTransaction(actions);
  });
  return all.length;
}

function dueJobs(round: number): Job[] {
  const at = TICK_AT + round * 60_000;
  return Array.from({ length: DUE_AT_TICK }, (_, i) =>
    job(`introduction:pair-${i}:round-${round}`, 'introduction', at, i, 1, 'mentee'),
  );
}

async function measureSize(pairs: number): Promise<SizeFigures> {
  const storage = await startEmbeddedStorage({ inMemory: true });
  try {
    const store = new CountingTableStore(storage.connectionString);
    await store.ensureTables();
    const fillStarted = Date.now();
    const jobs = await fill(store, pairs);
    const fillMs = Date.now() - fillStarted;
    const rounds: RoundFigures[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await measureTick(store, round));
    return { pairs, jobs, fillMs, rounds, probe: await probeWrites(store) };
  } finally {
    await storage.stop();
  }
}

/** Schedules 500 jobs due at this round's minute, then times one tick at that minute. */
async function measureTick(store: CountingTableStore, round: number): Promise<RoundFigures> {
  const tickAt = new Date(TICK_AT + round * 60_000);
  const scheduledAt = new Date(tickAt.getTime() - HOUR);
  await new JobStore(store, { clock: () => scheduledAt }).schedule(dueJobs(round));
  const scheduler = new Scheduler(
    new JobStore(store, { clock: () => tickAt }),
    async () => 'done',
    {
      owner: 'bench',
      clock: () => tickAt,
      log: createLogger('warn'),
    },
  );
  store.reset();
  const started = performance.now();
  const result = await scheduler.tick();
  const wallMs = performance.now() - started;
  if (result.processed !== DUE_AT_TICK) {
    throw new Error(`Tick processed ${result.processed} jobs, expected ${DUE_AT_TICK}`);
  }
  const { requests, entitiesRead, byOperation } = store.stats;
  return { wallMs, requests, entitiesRead, byOperation: snapshot(byOperation) };
}

/**
 * One write at a time (nothing queued behind it) to rows of the big `Jobs` table and of the
 * small `JobClaims` table. Azurite keeps each table in one in-memory collection whose index
 * upkeep on every write is linear in the table's size; Table Storage's is not.
 */
async function probeWrites(store: CountingTableStore): Promise<WriteProbe> {
  const time = async (table: TableClient, partitionKey: string, rowKey: string) => {
    const started = performance.now();
    await table.updateEntity({ partitionKey, rowKey, probe: started }, 'Merge');
    return performance.now() - started;
  };
  const jobs: number[] = [];
  const claims: number[] = [];
  for (const made of dueJobs(0).slice(0, 50)) {
    const key = encodeKey(made.id);
    const bucket = bucketOf(new Date(made.dueAt));
    jobs.push(await time(store.clientNamed(jobsTableName(store, bucket)), bucket, key));
    claims.push(await time(store.table('jobClaims'), key, 'claim'));
  }
  return { jobsMs: median(jobs), claimsMs: median(claims) };
}

function snapshot(byOperation: RequestStats['byOperation']): RequestStats['byOperation'] {
  return new Map([...byOperation].map(([operation, entry]) => [operation, { ...entry }]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function reportSize(size: SizeFigures): void {
  console.log(
    `\n${size.pairs.toLocaleString('en-GB')} pairs: ${size.jobs.toLocaleString('en-GB')} jobs ` +
      `filled in ${(size.fillMs / 1000).toFixed(1)} s`,
  );
  size.rounds.forEach((r, i) =>
    console.log(
      `  tick ${i + 1}: ${r.wallMs.toFixed(0)} ms, ${r.requests} requests, ` +
        `${r.entitiesRead} entities read`,
    ),
  );
  console.log(
    `  one write alone: Jobs ${size.probe.jobsMs.toFixed(2)} ms, ` +
      `JobClaims ${size.probe.claimsMs.toFixed(2)} ms`,
  );
  const last = size.rounds[size.rounds.length - 1];
  for (const [operation, { count, ms }] of last?.byOperation ?? []) {
    console.log(
      `    ${operation.padEnd(24)} ${String(count).padStart(4)} × ${(ms / count).toFixed(1)} ms`,
    );
  }
}

function reportRatios(small: SizeFigures, large: SizeFigures): void {
  const ratio = (pick: (r: RoundFigures) => number) =>
    (median(large.rounds.map(pick)) / median(small.rounds.map(pick))).toFixed(2);
  console.log(`\nRatio ${large.pairs} vs ${small.pairs} pairs (median of ${ROUNDS} ticks):`);
  console.log(`  wall time      ${ratio((r) => r.wallMs)}`);
  console.log(`  requests       ${ratio((r) => r.requests)}`);
  console.log(`  entities read  ${ratio((r) => r.entitiesRead)}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const sizes = (process.env.BENCH_PAIRS ?? '1000,50000').split(',').map(Number);
  const figures: SizeFigures[] = [];
  for (const pairs of sizes) {
    console.log(`Filling ${pairs.toLocaleString('en-GB')} pairs…`);
    const size = await measureSize(pairs);
    reportSize(size);
    figures.push(size);
  }
  const [small, large] = [figures[0], figures[figures.length - 1]];
  if (small && large && small !== large) reportRatios(small, large);
  console.log(`\nTotal bench time ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
