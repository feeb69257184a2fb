/**
 * `npm run bench:api [-- --cycles 5]`: the tab API under a crowd.
 *
 * Starts its own Azurite (in memory) and the service as its own process (AUTH_MODE=dev, logging
 * at info as deployed), loads a cohort of BENCH_PAIRS active pairs (500) with one goal each,
 * then at each concurrency (10, 50, 200) sends BENCH_REQUESTS (2,000) requests per row over
 * that many keep-alive connections, opened before the clock starts (keep-alive-load.ts):
 * GET /api/me, GET /api/pairs/{id}, PUT a goal with If-Match (each request sends the goal's
 * latest ETag) and the channel home, spread over every person and pair. The
 * baseline is a bare storage point read (TableClient.getEntity) at the same concurrency, in the
 * same run. Each row prints p50, p99, max and throughput, each as a ratio to the baseline, and
 * the service's event-loop delay during the row (from its dev-only GET /api/dev/metrics).
 *
 * `--cycles N` then runs N cycles of the four API rows at the highest concurrency and prints
 * the service's RSS and heap after each (read from the service process by GET /api/dev/metrics
 * ?gc=1, after a short settle and a full collection: the service runs with --expose-gc), and
 * whether each RSS stays within 10% of the first cycle's, with the anonymous and file-backed
 * parts of RSS from /proc. BENCH_SETTLE_MS (2,000) is the wait before each reading; any MALLOC_*
 * variable is passed to the service, to try allocator settings.
 *
 * It reports and always exits 0: tests assert behaviour, never time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TableClient } from '@azure/data-tables';
import { loadConfig } from '../src/app/config';
import { mintDevToken } from '../src/platform/http/auth/token-verifier';
import type { ProcessMetrics } from '../src/platform/process-metrics';
import { eachLimited } from '../src/platform/storage/batch';
import { startEmbeddedStorage } from '../src/platform/storage/embedded-azurite';
import { TableStore } from '../src/platform/storage/table-store';
import { startServiceProcess } from '../../tests/support/service-process';
import { type LoadCohort, seedLoadCohort } from './api-load-cohort';
import { type LoadRequest, keepAliveLoad, timedRuns } from './keep-alive-load';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 500);
const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 2000);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '10,50,200').split(',').map(Number);
const cyclesAt = process.argv.indexOf('--cycles');
const CYCLES = cyclesAt >= 0 ? Number(process.argv[cyclesAt + 1] ?? 5) : 0;

interface Row {
  name: string;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  failed: number;
  loop?: ProcessMetrics['eventLoopDelayMs'];
  /** Storage calls per request, and attempts (retries included) per request. */
  storage?: { calls: number; attempts: number };
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The baseline: the SDK's own point read, `connections` at a time, `AMOUNT` in all. */
function bareRead(client: TableClient, keys: [string, string][], connections: number) {
  let next = 0;
  return timedRuns(connections, AMOUNT, async () => {
    const [pk, rk] = keys[next++ % keys.length]!;
    await client.getEntity(pk, rk);
    return true;
  });
}

async function main(): Promise<void> {
  const storage = await startEmbeddedStorage({ inMemory: true });
  const env = {
    TABLES_CONNECTION_STRING: storage.connectionString,
    AUTH_MODE: 'dev',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // Memory is read after a full collection (GET /api/dev/metrics?gc=1).
    NODE_OPTIONS: '--expose-gc',
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name.startsWith('MALLOC_')) as [
        string,
        string,
      ][],
    ),
  };
  const service = await startServiceProcess(env);
  const { auth } = loadConfig({ ...env, NODE_ENV: 'test', PORT: '0' });
  if (auth.mode !== 'dev') throw new Error('the bench signs people in with dev tokens');
  const url = service.url;
  try {
    const store = new TableStore({
      kind: 'connection-string',
      connectionString: storage.connectionString,
    });
    const cohort: LoadCohort = await seedLoadCohort(store, PAIRS);
    const tokens = await Promise.all(
      cohort.people.map(async (p) => (await mintDevToken(auth, p)).token),
    );
    // One goal per pair, added by its mentor (the first of the two people).
    const goals: { id: string; etag: string }[] = new Array(PAIRS);
    await eachLimited([...cohort.pairIds.keys()], 8, async (k) => {
      const response = await fetch(`${url}/api/pairs/${cohort.pairIds[k]}/goals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[2 * k]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `Goal of pair ${k}`, status: 'in_progress' }),
      });
      const body = (await response.json()) as { id: string; etag: string };
      if (response.status !== 201) throw new Error(`goal: ${response.status}`);
      goals[k] = { id: body.id, etag: body.etag };
    });
    const metrics = async (gc = false) =>
      (await (await fetch(`${url}/api/dev/metrics${gc ? '?gc=1' : ''}`)).json()) as ProcessMetrics;

    let turn = 0;
    const person = () => turn++ % cohort.people.length;
    const authOf = (i: number) => ({ authorization: `Bearer ${tokens[i]}` });
    const apiRows: { name: string; next: () => LoadRequest }[] = [
      {
        name: 'GET /api/me',
        next: () => ({ method: 'GET', path: '/api/me', headers: authOf(person()) }),
      },
      {
        name: 'GET /api/pairs/{id}',
        next: () => {
          const i = person();
          return {
            method: 'GET',
            path: `/api/pairs/${cohort.people[i]!.pairId}`,
            headers: authOf(i),
          };
        },
      },
      {
        name: 'PUT goal (If-Match)',
        next: () => {
          const k = turn++ % PAIRS;
          const goal = goals[k]!;
          return {
            method: 'PUT',
            path: `/api/pairs/${cohort.pairIds[k]}/goals/${goal.id}`,
            headers: {
              ...authOf(2 * k),
              'content-type': 'application/json',
              'if-match': goal.etag,
            },
            body: JSON.stringify({
              text: `Goal of pair ${k} (${turn})`,
              status: 'in_progress',
              note: '',
            }),
            // The saved goal carries its new ETag: the pair's next request sends it.
            after: (status, body) => {
              if (status === 200) goal.etag = (JSON.parse(body) as { etag: string }).etag;
            },
          };
        },
      },
      {
        name: 'GET channel home',
        next: () => ({
          method: 'GET',
          path: `/api/cohorts/${cohort.cohortId}/home`,
          headers: authOf(person()),
        }),
      },
    ];
    const runApi = async (
      name: string,
      next: () => LoadRequest,
      connections: number,
    ): Promise<Row> => {
      await metrics(); // resets the event-loop histogram and the storage call totals
      const result = await keepAliveLoad(url, connections, AMOUNT, next);
      const after = await metrics();
      // The warm-up requests (one per connection) count in the service's totals too.
      const per = (n: number) => n / (result.requests + connections);
      return {
        name,
        ...result,
        loop: after.eventLoopDelayMs,
        storage: {
          calls: per(after.storageCalls.calls),
          attempts: per(after.storageCalls.attempts),
        },
      };
    };

    const bare = TableClient.fromConnectionString(
      storage.connectionString,
      store.tableName('participants'),
      {
        allowInsecureConnection: true,
      },
    );
    const keys = cohort.people.map((p): [string, string] => [cohort.cohortId, p.participantId]);
    console.log(
      `bench:api — ${PAIRS} pairs, ${AMOUNT} requests per row, keep-alive; service logs at ${env.LOG_LEVEL}`,
    );
    console.log(
      `service at start: ${describeMemory(await metrics(true)) + residentParts(service.pid)}`,
    );
    for (const connections of LEVELS) {
      const base = { name: 'bare getEntity', ...(await bareRead(bare, keys, connections)) };
      const rows: Row[] = [base];
      for (const row of apiRows) rows.push(await runApi(row.name, row.next, connections));
      printLevel(connections, base, rows);
    }
    console.log(
      `service after the table: ${describeMemory(await settled(metrics)) + residentParts(service.pid)}`,
    );

    if (CYCLES > 0) {
      const at = LEVELS.at(-1)!;
      console.log(
        `\nmemory over ${CYCLES} cycles (each: the four API rows at ${at}, ${4 * AMOUNT} requests)`,
      );
      let first: number | undefined;
      for (let c = 1; c <= CYCLES; c++) {
        for (const row of apiRows) await runApi(row.name, row.next, at);
        const m = await settled(metrics);
        first ??= m.rssBytes;
        const within = Math.abs(m.rssBytes - first) <= first * 0.1;
        console.log(
          `  cycle ${c}: ${describeMemory(m)}${residentParts(service.pid)}  RSS ${within ? 'within' : 'NOT within'} 10% of cycle 1  (load ${loadavg()})`,
        );
      }
    }
  } finally {
    if (process.env.BENCH_SERVICE_LOG)
      writeFileSync(process.env.BENCH_SERVICE_LOG, service.output());
    await service.stop();
    await storage.stop();
  }
}

/** Memory a moment after load, once the last responses and timers have gone, after a full GC. */
async function settled(read: (gc: boolean) => Promise<ProcessMetrics>): Promise<ProcessMetrics> {
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SETTLE_MS ?? 2000)));
  return read(true);
}

/** Anonymous and file-backed resident memory of a process, from /proc (Linux). */
function residentParts(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return `, anonymous ${Math.round(kb('RssAnon') / 1024)} MB, files ${Math.round(kb('RssFile') / 1024)} MB`;
  } catch {
    return '';
  }
}

function describeMemory(m: ProcessMetrics & { collected?: boolean }): string {
  return `${m.collected ? 'after a full GC: ' : ''}RSS ${mb(m.rssBytes)}, heapUsed ${mb(m.heapUsedBytes)} (heapTotal ${mb(m.heapTotalBytes)}, external ${mb(m.externalBytes)})`;
}

function printLevel(connections: number, base: Row, rows: Row[]): void {
  const r = (v: number, b: number) => `${(v / b).toFixed(1)}×`;
  console.log(`\nconcurrency ${connections} (load ${loadavg()})`);
  console.log(
    '  row                    p50 ms (×bare)   p99 ms (×bare)    max ms     req/s (×bare)  failed  loop delay p99/max ms  storage calls (attempts) per request',
  );
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(22)} ${row.p50.toFixed(0).padStart(6)} (${r(row.p50, base.p50).padStart(6)})  ${row.p99.toFixed(0).padStart(6)} (${r(row.p99, base.p99).padStart(6)})  ${row.max.toFixed(0).padStart(7)}  ${row.perSecond.toFixed(0).padStart(6)} (${(row.perSecond / base.perSecond).toFixed(2).padStart(5)}×)  ${String(row.failed).padStart(6)}  ${(row.loop ? `${row.loop.p99}/${row.loop.max}` : '-').padEnd(21)}  ${row.storage ? `${row.storage.calls.toFixed(2)} (${row.storage.attempts.toFixed(2)})` : '-'}`,
    );
  }
  if (connections !== 200) return;
  for (const row of rows.slice(1)) {
    const ok = row.p99 <= 10 * base.p99 && row.max <= 2000 && row.perSecond >= base.perSecond / 6;
    console.log(
      `  goal at 200, ${row.name}: p99 ≤ 10× bare ${row.p99 <= 10 * base.p99 ? 'yes' : 'NO'}, none over 2 s ${row.max <= 2000 ? 'yes' : 'NO'}, throughput ≥ bare/6 ${row.perSecond >= base.perSecond / 6 ? 'yes' : 'NO'} → ${ok ? 'MET' : 'NOT MET'}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(0);
  },
);
