import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { TableClient } from '@azure/data-tables';
import pino from 'pino';
import type { Job } from '../../bot/src/platform/storage/jobs/job';
import { JobStore } from '../../bot/src/platform/storage/jobs/job-store';
import {
  type HandlerResult,
  Scheduler,
  type TickResult,
} from '../../bot/src/platform/storage/jobs/scheduler';
import { statusOf } from '../../bot/src/platform/storage/errors';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { encodeKey } from '../../bot/src/platform/storage/versioned';

/**
 * One scheduler process for tests/integration/scheduler-multi-process.test.ts. Its handler
 * "sends" by inserting into the shared `Deliveries` table, keyed by job id, so a second send
 * of any job is a 409 and is recorded in `Duplicates`.
 *
 * It prints `{"event":"ready"}`, waits for one stdin line `{"realStart": <epoch ms>}` (so every
 * process starts the same simulated clock, however long each took to boot), then prints one
 * line per send and, on SIGTERM or once simulated time has passed SIM_END with nothing left,
 * stops gracefully and prints its counts.
 *
 * Environment:
 *   CONNECTION_STRING, TABLE_PREFIX  shared Azurite and the test's tables
 *   OWNER                             name used in claims
 *   SIM_START, SPEED                  simulated clock: SIM_START + (now - realStart) × SPEED
 *   SIM_END                           optional: no work expected after this simulated instant
 *   LEASE_MS, LAG_MINUTES             in simulated time: at 86,400× a 2-second real margin is
 *                                     2,880 simulated minutes, so both scale with SPEED
 *   HANDLER_DELAY_MS (real), CONCURRENCY, TICK_MS (real)
 *   QUIET_HOURS=1                     only send 09:00–17:00 UTC; otherwise ask for a retry
 *   MAX_REAL_MS                       give up (exit 2) after this long
 */

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const owner = env('OWNER');
const simStart = Date.parse(env('SIM_START'));
const speed = Number(env('SPEED', '1'));
const simEnd = Date.parse(env('SIM_END', '9999-12-31T00:00:00Z'));
const handlerDelayMs = Number(env('HANDLER_DELAY_MS', '0'));
const tickMs = Number(env('TICK_MS', '20'));
const maxRealMs = Number(env('MAX_REAL_MS', '90000'));
const quietHours = env('QUIET_HOURS', '0') === '1';

let realStart = Date.now();
const clock = () => new Date(simStart + (Date.now() - realStart) * speed);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = pino({ level: 'warn', base: { owner } }, pino.destination(2));

const connectionString = env('CONNECTION_STRING');
const prefix = env('TABLE_PREFIX', '');
const table = (name: string) =>
  TableClient.fromConnectionString(connectionString, `${prefix}${name}`, {
    allowInsecureConnection: true,
  });
const deliveries = table('Deliveries');
const duplicates = table('Duplicates');
const failedOnce = table('FailedOnce');

let sends = 0;

function say(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** True the first time any process asks about this job, false ever after. */
async function firstTime(marker: TableClient, jobId: string, facts: object = {}): Promise<boolean> {
  try {
    await marker.createEntity({ partitionKey: encodeKey(jobId), rowKey: '', ...facts });
    return true;
  } catch (error) {
    if (statusOf(error) === 409) return false;
    throw error;
  }
}

function nextWorkingHour(now: Date): Date | undefined {
  const hour = now.getUTCHours();
  if (hour >= 9 && hour < 17) return undefined;
  const next = new Date(now);
  next.setUTCHours(9, 0, 0, 0);
  if (hour >= 17) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

async function send(job: Job): Promise<HandlerResult> {
  // Recorded as the send time: at thousands of times real speed, the few real milliseconds
  // the send itself takes would otherwise carry a 16:59 decision past 17:00.
  const decidedAt = clock();
  const retryAt = quietHours ? nextWorkingHour(decidedAt) : undefined;
  if (retryAt) return { retryAt };
  if (job.payload.flaky === true && (await firstTime(failedOnce, job.id))) {
    throw new Error('the first attempt fails on purpose');
  }
  await sleep(handlerDelayMs / 2);
  sends++;
  const first = await firstTime(deliveries, job.id, { owner, at: decidedAt.toISOString() });
  if (!first) {
    await duplicates.createEntity({ partitionKey: encodeKey(job.id), rowKey: randomUUID(), owner });
  }
  say({ event: 'delivered', jobId: job.id, owner, duplicate: !first });
  await sleep(handlerDelayMs / 2);
  return 'done';
}

function idle(result: TickResult): boolean {
  return Object.values(result).every((count) => count === 0);
}

async function waitForStart(): Promise<void> {
  say({ event: 'ready', owner });
  const lines = createInterface({ input: process.stdin });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  realStart = (JSON.parse(line) as { realStart: number }).realStart;
}

async function main(): Promise<void> {
  const store = new TableStore({ kind: 'connection-string', connectionString }, prefix);
  const lagMinutes = Number(env('LAG_MINUTES', '5'));
  // The clock reads `realStart` on every call, so building this before the start is fine.
  const scheduler = new Scheduler(new JobStore(store, { clock, lagMinutes }), send, {
    owner,
    clock,
    log,
    concurrency: Number(env('CONCURRENCY', '4')),
    leaseMs: Number(env('LEASE_MS', '120000')),
  });
  let stopping = false;
  const shutdown = () => {
    stopping = true;
    void scheduler.stop(); // claims no more; the running tick finishes what it started
  };
  process.on('SIGTERM', shutdown);
  await waitForStart();
  // Started in a process group of its own, so leave by itself if the test process goes away.
  process.stdin.once('end', shutdown).resume();
  let ticks = 0;
  const totals: TickResult = {
    processed: 0,
    skipped: 0,
    failed: 0,
    retried: 0,
    claimedByOthers: 0,
  };
  while (!stopping) {
    const result = await scheduler.tick();
    ticks++;
    for (const [name, count] of Object.entries(result)) totals[name as keyof TickResult] += count;
    if (idle(result) && clock().getTime() >= simEnd) break;
    if (Date.now() - realStart > maxRealMs) {
      say({ event: 'timeout', owner, sends, ticks });
      process.exit(2);
    }
    await sleep(tickMs);
  }
  await scheduler.stop();
  // Exit explicitly: pooled sockets to Azurite would otherwise keep the process alive.
  process.stdout.write(
    `${JSON.stringify({ event: 'finished', owner, sends, ticks, ...totals })}\n`,
    () => process.exit(0),
  );
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'worker crashed');
  process.exit(1);
});
