/**
 * `npm run bench:tab`: what a person waits for when they open My pair.
 *
 * - the tab's initial JavaScript, gzip (from the production build's tab/dist/build-meta.json);
 * - the storage queries the My pair API call makes, for a small pair space and for one with
 *   many goals, actions and meetings (counted on the wire; the goal is at most two, whatever
 *   the pair holds);
 * - time to first render of My pair in headless Chromium on localhost (median of 5 loads).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/app/config';
import { DEMO_PARTICIPANTS } from '../src/features/dev/demo-cohort';
import { newId } from '../src/features/cohorts/domain/ids';
import { createLogger } from '../src/platform/logger';
import { startService } from '../src/app/service';
import { startEmbeddedStorage } from '../src/platform/storage/embedded-azurite';
import { rowKeys } from '../src/features/journey/store/pair-space-repository';
import { CountingTableStore } from './counting-table-store';

const ROOT = path.resolve(__dirname, '../..');
const AMARA = DEMO_PARTICIPANTS[0]!;
const BUDGET_GZIP = 300 * 1024;

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  spawnSync(process.execPath, [path.join(ROOT, 'tab/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const metaFile = path.join(ROOT, 'tab/dist/build-meta.json');
  if (!existsSync(metaFile)) throw new Error('The tab did not build');
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { initialJsGzipBytes: number };

  const storage = await startEmbeddedStorage({ inMemory: true });
  let counting: CountingTableStore | undefined;
  const service = await startService(
    loadConfig({
      PORT: '0',
      TABLES_CONNECTION_STRING: storage.connectionString,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_SECONDS: '0',
    }),
    createLogger('silent'),
    {
      makeStore: (resolved) => {
        if (resolved.kind !== 'connection-string')
          throw new Error('bench needs a connection string');
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
      body: JSON.stringify({ userId: AMARA.userId, name: AMARA.name, email: AMARA.email }),
    });
    const { token, expiresAt } = (await tokenResponse.json()) as {
      token: string;
      expiresAt: string;
    };
    const auth = { authorization: `Bearer ${token}` };
    const me = (await (await fetch(`${service.url}/api/me`, { headers: auth })).json()) as {
      memberships: { pair: { id: string } }[];
    };
    const pairId = me.memberships[0]!.pair.id;

    const countCall = async (): Promise<{ queries: number; pointReads: number }> => {
      counting!.reset();
      counting!.recordQueries = true;
      const response = await fetch(`${service.url}/api/pairs/${pairId}`, { headers: auth });
      if (response.status !== 200) throw new Error(`My pair answered ${response.status}`);
      await response.text();
      counting!.recordQueries = false;
      const gets = [...counting!.stats.byOperation.entries()].filter(([op]) =>
        op.startsWith('GET '),
      );
      const total = gets.reduce((sum, [, v]) => sum + v.count, 0);
      const queries = counting!.stats.queries.filter((q) => /\(\)\?/.test(q)).length;
      return { queries, pointReads: total - queries };
    };

    const small = await countCall();
    // A busy pair: 40 goals, 60 actions and 12 logged meetings.
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => {
        const id = newId();
        return {
          rowKey: rowKeys.goal(id),
          value: {
            id,
            pairId,
            text: `Goal ${i}`,
            status: 'in_progress',
            note: '',
            createdBy: 'x',
            updatedBy: 'x',
            createdAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          },
        };
      }),
      ...Array.from({ length: 60 }, (_, i) => {
        const id = newId();
        return {
          rowKey: rowKeys.action(id),
          value: {
            id,
            pairId,
            text: `Action ${i}`,
            ownerId: 'x',
            dueDate: '2027-05-01',
            createdBy: 'x',
            createdAt: new Date().toISOString(),
          },
        };
      }),
      ...Array.from({ length: 12 }, (_, i) => {
        const id = `x${i}`;
        const at = new Date(Date.UTC(2027, 0, 1 + i * 7)).toISOString();
        return {
          rowKey: rowKeys.meeting(id),
          value: {
            id,
            pairId,
            windowStart: at,
            windowEnd: at,
            status: 'held',
            plannedAt: at,
            heldMinutes: 60,
            updatedAt: at,
          },
        };
      }),
    ];
    for (let i = 0; i < rows.length; i += 100) {
      await service.parts.repos.pairSpaces.insertMany(pairId, rows.slice(i, i + 100));
    }
    const busy = await countCall();

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const renders: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext();
        await context.addInitScript(
          ([session]) => window.sessionStorage.setItem('reverse-mentoring.dev-session', session!),
          [JSON.stringify({ token, expiresAt, user: { userId: AMARA.userId, name: AMARA.name } })],
        );
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${service.url}/tab/index.html?view=personal&pair=${pairId}`);
        await page.getByTestId('pair-heading').waitFor({ state: 'visible', timeout: 30_000 });
        renders.push(Date.now() - started);
        await context.close();
      }
    } finally {
      await browser.close();
    }

    console.log('Tab benchmark');
    console.log(
      `  initial JS (gzip)          ${kb(meta.initialJsGzipBytes)}  (budget ${kb(BUDGET_GZIP)}: ${meta.initialJsGzipBytes <= BUDGET_GZIP ? 'within' : 'OVER'})`,
    );
    console.log(
      `  My pair API, small space   ${small.queries} queries + ${small.pointReads} point reads`,
    );
    console.log(
      `  My pair API, busy space    ${busy.queries} queries + ${busy.pointReads} point reads (40 goals, 60 actions, 12 meetings)`,
    );
    console.log(
      `  first render of My pair    median ${median(renders)} ms over ${renders.length} loads (${renders.join(', ')} ms)`,
    );
    if (busy.queries > 2 || meta.initialJsGzipBytes > BUDGET_GZIP) process.exitCode = 1;
  } finally {
    await service.stop();
    await storage.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
