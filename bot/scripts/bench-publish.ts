/**
 * `npm run bench:publish`: publishing a matching run of 40 and of 1,000 pairs on the real
 * service over embedded Azurite (in memory), as a coordinator would through the API. Prints,
 * for each, the time the publish took and the storage requests it made (reads, writes, and by
 * table), counted on the wire. `PUBLISH_SIZES=40,1000` chooses the sizes.
 */
import os from 'node:os';
import { loadConfig } from '../src/app/config';
import { startService } from '../src/app/service';
import type { MatchApplicant, MatchApplicants } from '../src/features/matching/index';
import { createLogger } from '../src/platform/logger';
import { startEmbeddedStorage } from '../src/platform/storage/embedded-azurite';
import { CountingTableStore } from './counting-table-store';

const COORDINATOR = { userId: 'b0000000-0000-4000-8000-00000000be0c', name: 'Bench Coordinator' };
const SIZES = (process.env.PUBLISH_SIZES ?? '40,1000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

/** The cohort's accepted applicants (the applications feature's side, kept in memory here). */
class BenchApplicants implements MatchApplicants {
  readonly byCohort = new Map<string, MatchApplicant[]>();
  async forMatching(cohortId: string) {
    return this.byCohort.get(cohortId) ?? [];
  }
  async markOutcomes() {}
}

function person(id: string, role: 'mentor' | 'mentee', i: number): MatchApplicant {
  return {
    id,
    displayName: `${role === 'mentor' ? 'Mentor' : 'Mentee'} ${i}`,
    email: `${id}@trust.nhs.uk`,
    role,
    arrangement: 'reverse',
    bandIndex: role === 'mentor' ? i % 3 : 6 + (i % 3),
    organisation: i % 2 === 0 ? 'North Trust' : 'South Trust',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
  };
}

async function api<T>(url: string, token: string, method: string, path: string, headers = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : '{}',
  });
  const body = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function main(): Promise<void> {
  const storage = await startEmbeddedStorage({ inMemory: true });
  const applicants = new BenchApplicants();
  let counting: CountingTableStore | undefined;
  const service = await startService(
    loadConfig({
      PORT: '0',
      TABLES_CONNECTION_STRING: storage.connectionString,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_SECONDS: '0',
      ANNOUNCE_POLL_MS: '0',
      COORDINATOR_IDS: COORDINATOR.userId,
    }),
    createLogger('silent'),
    {
      matchApplicants: applicants,
      makeStore: (resolved) => {
        if (resolved.kind !== 'connection-string') throw new Error('needs a connection string');
        counting = new CountingTableStore(resolved.connectionString);
        return counting;
      },
    },
  );
  await service.ready;
  try {
    const tokenResponse = await fetch(`${service.url}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(COORDINATOR),
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const pairs of SIZES) {
      const cohort = await fetch(`${service.url}/api/cohorts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Publish ${pairs}`,
          startDate: '2027-03-01',
          endDate: '2027-08-31',
        }),
      });
      const { id: cohortId } = (await cohort.json()) as { id: string };
      applicants.byCohort.set(
        cohortId,
        Array.from({ length: pairs }, (_, i) => [
          person(`c${pairs}-mentor${i}`, 'mentor', i),
          person(`c${pairs}-mentee${i}`, 'mentee', i),
        ]).flat(),
      );
      const base = `/api/cohorts/${cohortId}/matching`;
      const run = await api<{ id: string; etag: string; pairs: unknown[] }>(
        service.url,
        token,
        'POST',
        `${base}/runs`,
      );
      counting!.reset();
      const started = performance.now();
      const result = await api<{ pairs: unknown[] }>(
        service.url,
        token,
        'POST',
        `${base}/runs/${run.id}/publish`,
        { 'if-match': run.etag },
      );
      const ms = performance.now() - started;
      const stats = counting!.stats;
      const ops = [...stats.byOperation.entries()].sort(([a], [b]) => a.localeCompare(b));
      const reads = ops
        .filter(([op]) => op.startsWith('GET '))
        .reduce((s, [, v]) => s + v.count, 0);
      console.log(
        `publish ${pairs} pairs (${result.pairs.length} made): ${ms.toFixed(0)} ms, ` +
          `${stats.requests} storage requests (${reads} reads, ${stats.requests - reads} writes)`,
      );
      for (const [op, { count }] of ops) console.log(`  ${op.padEnd(32)} ${count}`);
    }
  } finally {
    await service.stop();
    await storage.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
