import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadavg as osLoadavg } from 'node:os';
import { type Recipient, deliveryCounts } from '../src/features/announcements/domain/announcement';
import { isChannelRow } from '../src/features/announcements/domain/delivery-report';
import {
  type EmbeddedStorage,
  startEmbeddedStorage,
} from '../src/platform/storage/embedded-azurite';
import { createRepositories } from '../src/app/repositories';
import { RATE_MARGIN } from '../src/platform/teams/send-pacer';
import { TableStore } from '../src/platform/storage/table-store';
import { type FanoutCohort, seedFanoutCohort } from '../../tests/support/fanout-cohort';
import type { FakeConnectorStats } from '../../tests/support/fake-connector';
import { type ServiceProcess, startServiceProcess } from '../../tests/support/service-process';
import { call, devToken } from '../../tests/support/test-service';

/**
 * One announcement to 10,000 people through the real fan-out, as Teams would take it.
 *
 * Azurite (tables and queues), the fake Bot Connector in its own process enforcing Teams' limits
 * (a global ceiling per tenant, the per-conversation windows) with 2% injected 5xx (seeded) and a
 * few people who blocked the bot, and the service as real OS processes sharing the queue. The
 * cohort is written straight into storage; each scenario creates a fresh announcement through
 * the API as a coordinator and waits until it is finished:
 *
 *   one     one worker process
 *   two     two worker processes sharing the ceiling
 *   kill    two worker processes, one SIGKILLed half-way through and started again
 *
 * Per scenario: the rate the connector saw as a share of the ceiling (goal ≥ 90%, never over),
 * 429s provoked, 5xx injected, duplicates and missing (both must be 0; the script exits 1
 * otherwise), and the unconfirmed, failed and blocked with their reasons.
 *
 *   npm run bench:fanout
 *   BENCH_CEILING=100 BENCH_RECIPIENTS=2000 BENCH_SCENARIOS=one,kill npm run bench:fanout
 *
 * Other knobs: BENCH_TARGET (aim at this share of the ceiling instead of the margin, e.g. 0.98),
 * BENCH_FAULT_RATE (0.02), BENCH_BLOCKED (20 people), BENCH_SEED, BENCH_CONCURRENCY
 * (ANNOUNCE_CONCURRENCY of the workers), BENCH_PROGRESS_SECONDS (progress lines; each costs the
 * fake a pass over every request, a pause that can itself provoke a 429), BENCH_LOG_DIR and
 * BENCH_WORKER_LOG_LEVEL=debug (each worker's log, with its pipeline every 10 s).
 *
 * The ceiling is Teams' 50 requests per second, and the service is told the same ceiling
 * (ANNOUNCE_RATE_PER_SECOND), so the percentage means the same at any ceiling. It can be
 * raised to shorten the run, but not far here: Azurite finds a row by scanning its partition,
 * and an announcement's recipients are spread over 32 partitions (buckets by a hash of the
 * participant id), so each of the two writes a send needs costs time in proportion to the rows
 * in its bucket (about 300 of the 10,000): little at Teams' ceiling, but the emulator (one CPU)
 * limits how far the ceiling can be raised. Table Storage finds a row by its keys at any
 * partition size. Run with
 * BENCH_WORKER_LOG_LEVEL=debug: lanes waiting for storage rather than for a slot show it.
 */

const ROOT = path.resolve(__dirname, '../..');
const CEILING = Number(process.env.BENCH_CEILING ?? 50);
/** A share of the ceiling to aim at instead of the service's margin (a trial; 0: the margin). */
const TARGET = Number(process.env.BENCH_TARGET ?? 0);
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.02);
const BLOCKED = Number(process.env.BENCH_BLOCKED ?? 20);
const SEED = Number(process.env.BENCH_SEED ?? 7);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'one,two,kill').split(',').map((s) => s.trim());
const FINISH_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900) * 1000;
const COORDINATOR = { userId: '0b0b0b0b-1111-4222-8333-444444444444', name: 'Bench Coordinator' };

interface Scenario {
  name: string;
  label: string;
  workers: number;
  kill: boolean;
}

const ALL: Scenario[] = [
  { name: 'one', label: 'one worker', workers: 1, kill: false },
  { name: 'two', label: 'two workers', workers: 2, kill: false },
  { name: 'kill', label: 'two, one killed+restarted', workers: 2, kill: true },
];

interface Figures {
  scenario: Scenario;
  recipients: number;
  /** First request to the connector to its last answer. */
  sendingMs: number;
  /** From the POST that created the announcement to it being marked sent. */
  toDoneMs: number;
  requests: number;
  delivered: number;
  /** The counts-only report's read time (median of five), and the load average then. */
  countsMs?: number;
  load?: string;
  peakPerSecond: number;
  throttled: number;
  injected: number;
  duplicates: number;
  missing: number;
  unconfirmed: number;
  /** Of the unconfirmed: how many reached the person after all. */
  unconfirmedDelivered: number;
  failed: number;
  blocked: number;
  /** Rows whose status disagrees with what arrived (e.g. failed but delivered). */
  mismatched: number;
  /** For the kill scenario: what the connector had delivered when the worker died. */
  killedAt?: number;
  /** Recipient rows `sending` just after the kill (the dead worker's lanes, the live one's). */
  sendingAtKill?: number;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// The fake connector as its own process

interface FakeProcess {
  serviceUrl: string;
  stop(): Promise<void>;
  stats(): Promise<FakeConnectorStats>;
  /** Messages delivered so far: cheap (no pass over the requests), so safe while sending. */
  delivered(): Promise<number>;
  reset(): Promise<void>;
}

async function startFake(blocked: string[]): Promise<FakeProcess> {
  const args = [
    '--import',
    'tsx',
    'tests/support/fake-connector-cli.ts',
    `--seed=${SEED}`,
    `--global-per-second=${CEILING}`,
    `--fault-rate=${FAULT_RATE}`,
    '--fault-statuses=500,502,503',
  ];
  if (blocked.length) args.push(`--blocked=${blocked.join(',')}`);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const serviceUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { serviceUrl: string }).serviceUrl));
    child.once('exit', (code) => reject(new Error(`the fake connector exited (${code})`)));
  });
  child.stdout?.resume();
  const admin = async <T>(method: string, route: string): Promise<T> => {
    const response = await fetch(new URL(route, serviceUrl), { method });
    return (await response.json()) as T;
  };
  return {
    serviceUrl,
    stats: () => admin<FakeConnectorStats>('GET', '_stats'),
    delivered: async () => (await admin<{ delivered: number }>('GET', '_progress')).delivered,
    reset: async () => void (await admin('POST', '_reset')),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const scenarios = ALL.filter((s) => SCENARIOS.includes(s.name));
  console.log(
    `Fan-out bench: ${RECIPIENTS.toLocaleString('en-GB')} recipients, ceiling ${CEILING} ` +
      `requests/s, ${(FAULT_RATE * 100).toFixed(1)}% injected 5xx, ${BLOCKED} blocked, ` +
      `scenarios ${scenarios.map((s) => s.name).join(', ')}, aiming at ` +
      `${((TARGET || RATE_MARGIN) * 100).toFixed(1)}% of the ceiling; load ${loadavg()}`,
  );
  const storage = await startEmbeddedStorage({ inMemory: true });
  let fake: FakeProcess | undefined;
  const workers: ServiceProcess[] = [];
  // Interrupted: take the worker processes (their own process groups) and the fake down too.
  const interrupted = () => {
    for (const w of workers) w.kill();
    void Promise.all([fake?.stop(), storage.stop()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const store = new TableStore({
      kind: 'connection-string',
      connectionString: storage.connectionString,
    });
    await store.ensureTables();
    const blockedIds = Array.from(
      { length: BLOCKED },
      (_, i) =>
        `f0000000-0000-4000-8000-${String(1 + Math.floor(((i + 0.5) * RECIPIENTS) / Math.max(1, BLOCKED))).padStart(12, '0')}`,
    );
    fake = await startFake(blockedIds);
    const seedStarted = Date.now();
    const cohort = await seedFanoutCohort(store, {
      people: RECIPIENTS,
      serviceUrl: fake.serviceUrl,
      createdBy: COORDINATOR.userId,
    });
    console.log(
      `Seeded ${RECIPIENTS.toLocaleString('en-GB')} people (participants, memberships, ` +
        `conversation references) in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const figures: Figures[] = [];
    for (const scenario of scenarios) {
      figures.push(await runScenario(scenario, storage, store, fake, cohort, workers));
    }
    printTable(figures);
    const failed = figures.filter((f) => f.duplicates > 0 || f.missing > 0);
    for (const f of figures) {
      for (const problem of f.problems) console.log(`  ${f.scenario.name}: ${problem}`);
    }
    console.log(`\nTotal bench time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failed.length) {
      console.error(`\nFAILED: duplicates or missing in ${failed.map((f) => f.scenario.name)}`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await fake?.stop();
    await storage.stop();
  }
}

async function runScenario(
  scenario: Scenario,
  storage: EmbeddedStorage,
  store: TableStore,
  fake: FakeProcess,
  cohort: FanoutCohort,
  workers: ServiceProcess[],
): Promise<Figures> {
  const repos = createRepositories(store);
  console.log(`\n— ${scenario.label}`);
  await fake.reset();
  const env = {
    TABLES_CONNECTION_STRING: storage.connectionString,
    AUTH_MODE: 'dev',
    COORDINATOR_IDS: COORDINATOR.userId,
    // BENCH_TARGET tries another margin: the service is told a ceiling such that its margin
    // aims at that share of the fake's real one.
    ANNOUNCE_RATE_PER_SECOND: String(TARGET ? (CEILING * TARGET) / RATE_MARGIN : CEILING),
    ANNOUNCE_POLL_MS: process.env.BENCH_POLL_MS ?? '100',
    LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'info',
    ...(process.env.BENCH_CONCURRENCY
      ? { ANNOUNCE_CONCURRENCY: process.env.BENCH_CONCURRENCY }
      : {}),
  };
  workers.length = 0;
  workers.push(
    ...(await Promise.all(
      Array.from({ length: scenario.workers }, () => startServiceProcess(env)),
    )),
  );
  const token = await devToken(workers[0]!.url, COORDINATOR);
  const posted = Date.now();
  const created = await call<{ id: string }>(
    workers[0]!.url,
    'POST',
    `/api/cohorts/${cohort.cohortId}/announcements`,
    {
      token,
      json: {
        title: `Bench: ${scenario.label} (${new Date().toISOString()})`,
        text: 'The **spring cohort** starts next week. Please read the programme guide.',
        linkUrl: 'https://intranet.example.nhs.uk/mentoring',
        audience: 'cohort',
      },
    },
  );
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  console.log(`  created in ${((Date.now() - posted) / 1000).toFixed(1)} s`);

  // The fake's statistics cost it a pass over every request (and a pause in answering), so
  // they are read sparingly: every 30 s for progress, and near half-way in the kill scenario.
  const killed: ServiceProcess[] = [];
  let killedAt: number | undefined;
  let sendingAtKill: number | undefined;
  const progressEvery = Number(process.env.BENCH_PROGRESS_SECONDS ?? 0) * 1000;
  let nextProgress = progressEvery ? Date.now() + progressEvery : Infinity;
  let nextKillCheck = scenario.kill ? Date.now() + 5_000 : Infinity;
  let lastCheck = { delivered: 0, at: posted };
  const until = posted + FINISH_TIMEOUT_MS;
  for (;;) {
    const current = await repos.announcements.get(cohort.cohortId, id);
    if (current?.value.status === 'sent') break;
    if (Date.now() > until) throw new Error(`${scenario.name}: not finished in time`);
    if (Date.now() >= nextProgress) {
      const stats = await fake.stats();
      nextProgress = Date.now() + progressEvery;
      console.log(
        `  ${((Date.now() - posted) / 1000).toFixed(0)} s: ${stats.delivered} delivered, ` +
          `${stats.throttled} × 429, ${stats.requestsPerSecond.toFixed(1)} requests/s`,
      );
    }
    if (killedAt === undefined && Date.now() >= nextKillCheck) {
      // The cheap count, not the statistics: their pass over every request would provoke 429s.
      const delivered = await fake.delivered();
      const at = Date.now();
      const perSecond = Math.max(
        1,
        ((delivered - lastCheck.delivered) * 1000) / (at - lastCheck.at),
      );
      lastCheck = { delivered, at };
      const half = RECIPIENTS / 2;
      const eta = ((half - delivered) / perSecond) * 1000;
      if (eta > 5_000) {
        nextKillCheck = Date.now() + 5_000;
      } else {
        // Close: wait out the estimate without asking again, then kill.
        if (eta > 0) await new Promise((resolve) => setTimeout(resolve, eta));
        workers[1]!.kill();
        await workers[1]!.exited;
        killed.push(workers[1]!);
        killedAt = await fake.delivered();
        nextKillCheck = Infinity;
        // Rows left `sending`: the killed worker's lanes (and the live one's, for a moment).
        const sending = await repos.announcements.listRecipients(id, 'sending');
        sendingAtKill = sending.length;
        console.log(
          `  killed worker ${workers[1]!.pid} at ${killedAt} delivered ` +
            `(${sendingAtKill} rows sending); restarting it`,
        );
        workers[1] = await startServiceProcess(env);
        console.log(`  restarted (${workers[1].pid})`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const toDoneMs = Date.now() - posted;
  const stats = await fake.stats();
  // What the coordinator's tab reads: the counts alone (the list, the report's header: from the
  // delivery counters), five times, then the whole report (every row) once.
  const read = async (query: string) => {
    const began = performance.now();
    const answer = await fetch(
      new URL(`/api/cohorts/${cohort.cohortId}/announcements/${id}${query}`, workers[0]!.url),
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = Buffer.from(await answer.arrayBuffer());
    const ms = performance.now() - began;
    return { status: answer.status, ms, body };
  };
  const countsReads = [];
  for (let i = 0; i < 5; i++) countsReads.push(await read('?recipients=none'));
  const countsMs = countsReads.map((r) => r.ms).sort((x, y) => x - y);
  const countsOnly = JSON.parse(countsReads[0]!.body.toString('utf8')) as {
    counts: Record<string, number>;
  };
  // The counters alone, read here in the bench's own process (32 point reads, no API around them).
  const storeMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const began = performance.now();
    await repos.announcements.counts(id);
    storeMs.push(performance.now() - began);
  }
  storeMs.sort((x, y) => x - y);
  const full = await read('');
  console.log(
    `  report counts only: ${countsReads[0]!.status}, median ${countsMs[2]!.toFixed(1)} ms ` +
      `(min ${countsMs[0]!.toFixed(1)}, max ${countsMs[4]!.toFixed(1)}), ` +
      `${(countsReads[0]!.body.byteLength / 1024).toFixed(1)} KB; load ${loadavg()}`,
  );
  console.log(
    `  counters alone (store, in process): median ${storeMs[2]!.toFixed(1)} ms ` +
      `(min ${storeMs[0]!.toFixed(1)}, max ${storeMs[4]!.toFixed(1)})`,
  );
  console.log(
    `  report (every person): ${full.status} in ${full.ms.toFixed(0)} ms, ` +
      `${(full.body.byteLength / 1024).toFixed(1)} KB`,
  );
  const rows = (await repos.announcements.listRecipients(id)).map((r) => r.value);
  await Promise.all(workers.map((w) => w.stop()));
  for (const [i, w] of [...workers, ...killed].entries()) keepLog(scenario, `${i}-${w.pid}`, w);
  workers.length = 0;
  const figures = tally(scenario, rows, stats, cohort, toDoneMs);
  figures.killedAt = killedAt;
  figures.countsMs = countsMs[2];
  figures.load = loadavg();
  // The counters must give the rows' own counts (people only; the channel post apart).
  const fromRows = deliveryCounts(rows.filter((r) => !isChannelRow(r)));
  if (JSON.stringify(countsOnly.counts) !== JSON.stringify(fromRows)) {
    figures.problems.push(
      `counters ${JSON.stringify(countsOnly.counts)} differ from rows ${JSON.stringify(fromRows)}`,
    );
  }
  figures.sendingAtKill = sendingAtKill;
  console.log(
    `  done in ${(toDoneMs / 1000).toFixed(1)} s: ${figures.delivered} delivered at ` +
      `${((figures.requests * 1000) / figures.sendingMs).toFixed(1)} requests/s`,
  );
  return figures;
}

/** With BENCH_LOG_DIR set, each worker's log is kept there (e.g. to see what one was doing). */
function keepLog(scenario: Scenario, name: string, worker: ServiceProcess): void {
  const dir = process.env.BENCH_LOG_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${scenario.name}-worker-${name}.log`), worker.output());
}

/** Compares every recipient row with what actually reached that person. */
function tally(
  scenario: Scenario,
  rows: Recipient[],
  stats: FakeConnectorStats,
  cohort: FanoutCohort,
  toDoneMs: number,
): Figures {
  const byParticipant = new Map(cohort.people.map((p) => [p.participantId, p]));
  const deliveredTo = (r: Recipient) => {
    const person = byParticipant.get(r.participantId);
    return person ? (stats.perRecipient[`29:${person.aadObjectId}`] ?? 0) : 0;
  };
  const problems: string[] = [];
  let duplicates = 0;
  let missing = 0;
  let mismatched = 0;
  let unconfirmedDelivered = 0;
  const count = (status: Recipient['status']) => rows.filter((r) => r.status === status).length;
  for (const r of rows) {
    const got = deliveredTo(r);
    if (got > 1) {
      duplicates += 1;
      if (problems.length < 10) problems.push(`${r.displayName} got it ${got} times (${r.status})`);
    }
    switch (r.status) {
      case 'sent':
        if (got === 0) {
          missing += 1;
          if (problems.length < 10) problems.push(`${r.displayName} marked sent, never arrived`);
        }
        break;
      case 'unconfirmed':
        if (got > 0) unconfirmedDelivered += 1;
        break;
      case 'blocked':
      case 'failed':
        if (got > 0) {
          mismatched += 1;
          if (problems.length < 10)
            problems.push(`${r.displayName} ${r.status} (${r.reason}) but it arrived`);
        }
        break;
      default:
        missing += 1;
        if (problems.length < 10) problems.push(`${r.displayName} left ${r.status}`);
    }
  }
  if (rows.length !== cohort.people.length) {
    missing += Math.abs(cohort.people.length - rows.length);
    problems.push(`${rows.length} recipient rows for ${cohort.people.length} people`);
  }
  const reasons = new Map<string, number>();
  for (const r of rows.filter((r) => r.status === 'failed' || r.status === 'unconfirmed')) {
    const reason = `${r.status}: ${r.reason ?? ''}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) problems.push(`${n} × ${reason}`);
  return {
    scenario,
    recipients: rows.length,
    sendingMs: stats.durationMs,
    toDoneMs,
    requests: stats.requests,
    delivered: stats.delivered,
    peakPerSecond: stats.peakSendsPerSecond,
    throttled: stats.throttled,
    injected: stats.injectedFaults,
    duplicates: Math.max(duplicates, stats.duplicates),
    missing,
    unconfirmed: count('unconfirmed'),
    unconfirmedDelivered,
    failed: count('failed'),
    blocked: count('blocked'),
    mismatched,
    problems,
  };
}

function printTable(figures: Figures[]): void {
  const header = [
    'scenario',
    'recipients',
    'sending s',
    'to done s',
    'requests/s',
    '% ceiling',
    'delivered/s',
    'peak/s',
    'counts ms',
    '429s',
    '5xx',
    'dup',
    'missing',
    'unconf.',
    'failed',
    'blocked',
  ];
  const rows = figures.map((f) => {
    const seconds = f.sendingMs / 1000;
    const rate = f.requests / seconds;
    return [
      f.scenario.label,
      String(f.recipients),
      seconds.toFixed(1),
      (f.toDoneMs / 1000).toFixed(1),
      rate.toFixed(1),
      `${((rate / CEILING) * 100).toFixed(1)}%`,
      (f.delivered / seconds).toFixed(1),
      String(f.peakPerSecond),
      f.countsMs === undefined ? '' : f.countsMs.toFixed(1),
      String(f.throttled),
      String(f.injected),
      String(f.duplicates),
      String(f.missing),
      f.unconfirmed ? `${f.unconfirmed} (${f.unconfirmedDelivered} arrived)` : '0',
      String(f.failed),
      String(f.blocked),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\nCeiling ${CEILING} requests/s (goal: ≥ 90% of it, never over; dup = missing = 0)`);
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
  console.log(`Load average at each report read: ${figures.map((f) => f.load).join(' · ')}`);
  const kill = figures.find((f) => f.killedAt !== undefined);
  if (kill) {
    console.log(
      `\nKilled at ${kill.killedAt} delivered, ${kill.sendingAtKill} rows sending just after; ` +
        `unconfirmed ${kill.unconfirmed} (at most the killed worker's lanes).`,
    );
  }
}

/** The machine's load average (1, 5, 15 minutes), as `cat /proc/loadavg` shows it. */
function loadavg(): string {
  return osLoadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
