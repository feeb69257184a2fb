import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/src/app/config';
import { type RunningService, startService } from '../../bot/src/app/service';
import { createLogger } from '../../bot/src/platform/logger';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import type { Me, PairHealthRow } from '../../bot/src/contracts/cohorts';
import type { PairSpace } from '../../bot/src/contracts/journey';
import { DEMO_COORDINATOR, DEMO_PARTICIPANTS } from '../../bot/src/features/dev/index';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * /healthz with storage down (issue 12, hole 7): the answer names the part that is down and
 * nothing else (no address, port or error text); the detail goes to the log, under the same
 * correlation id as the answer's X-Correlation-Id.
 */

const lines: Record<string, unknown>[] = [];
let storage: EmbeddedStorage;
let service: RunningService;

beforeAll(async () => {
  storage = await startTestStorage();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    TABLES_CONNECTION_STRING: storage.connectionString,
    SEED_DEMO: 'false',
    SCHEDULER_INTERVAL_SECONDS: '0',
    ANNOUNCE_POLL_MS: '0',
  });
  service = await startService(config, createLogger('info', sink));
  await service.ready;
});

afterAll(async () => {
  await service?.stop();
  await storage?.stop();
});

describe('/healthz while storage is down', () => {
  it('names the part that is down, nothing more; the log has the detail under the same id', async () => {
    expect((await call(service.url, 'GET', '/healthz')).status).toBe(200);
    const port = String(storage.tablePort);
    await storage.stop();

    const down = await call(service.url, 'GET', '/healthz');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'degraded', storage: 'unavailable' });
    const text = JSON.stringify(down.body);
    for (const secret of [port, '127.0.0.1', 'localhost', 'ECONNREFUSED', 'connect']) {
      expect(text).not.toContain(secret);
    }

    const id = down.headers.get('x-correlation-id');
    expect(id).toBeTruthy();
    const logged = lines.filter((l) => l.correlationId === id && l.msg !== 'request');
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(logged)).toContain(port);
  });
});

/**
 * The pairs' health (issue 14, item 3): the programme team sees states, counts and dates, who
 * paused or ended a pair and why, and who asked for a word; never what a pair wrote together.
 * Every word planted in the staged demo's pair spaces (goals, actions, preparation, reflections,
 * final reviews) is looked for in the health JSON and CSV.
 */
describe('the pairs’ health never shows what a pair wrote', () => {
  let demoStorage: EmbeddedStorage;
  let demo: RunningService;

  beforeAll(async () => {
    demoStorage = await startTestStorage();
    demo = await startTestService(demoStorage.connectionString, {
      SEED_DEMO: 'true',
      SEED_DEMO_JOURNEY: 'true',
    });
  });

  afterAll(async () => {
    await demo?.stop();
    await demoStorage?.stop();
  });

  it('keeps goals, actions, preparation, reflections and reviews out of the JSON and the CSV', async () => {
    const as = (p: { userId: string; name: string }) =>
      devToken(demo.url, { userId: p.userId, name: p.name });
    const coordinator = await as(DEMO_COORDINATOR);
    const cohorts = await call<{ cohorts: { id: string }[] }>(demo.url, 'GET', '/api/cohorts', {
      token: coordinator,
    });
    const cohortId = cohorts.body.cohorts[0]!.id;
    const json = await call<{ pairs: PairHealthRow[] }>(
      demo.url,
      'GET',
      `/api/cohorts/${cohortId}/health`,
      { token: coordinator },
    );
    const csv = await fetch(`${demo.url}/api/cohorts/${cohortId}/health.csv`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    const shown = `${JSON.stringify(json.body)}\n${await csv.text()}`;

    // What each partner sees of their own space: everything they and their partner wrote.
    const planted = new Set<string>(['Honest conversations', 'Start shadowing earlier.']);
    for (const person of DEMO_PARTICIPANTS) {
      const me = await call<Me>(demo.url, 'GET', '/api/me', { token: await as(person) });
      const pair = me.body.memberships[0]?.pair;
      if (!pair) continue;
      const space = await call<PairSpace>(demo.url, 'GET', `/api/pairs/${pair.id}`, {
        token: await as(person),
      });
      const s = space.body;
      for (const g of s.goals) [g.text, g.note].forEach((t) => planted.add(t));
      for (const a of s.actions) planted.add(a.text);
      if (s.preparation?.mine) planted.add(s.preparation.mine.topics);
      if (s.preparation?.partner) planted.add(s.preparation.partner.topics);
      for (const r of [...s.reflections.mine, ...s.reflections.sharedWithMe]) {
        [r.learned, r.doDifferently].forEach((t) => planted.add(t));
      }
    }
    const words = [...planted].filter((t) => t.trim().length > 0);
    expect(words.length).toBeGreaterThan(20);
    for (const word of words)
      expect({ word, shown: shown.includes(word) }).toEqual({ word, shown: false });

    // What is the programme team's to see is there: who paused, the reason, who asked.
    expect(shown).toContain('Covering winter pressures across the wards for a few weeks.');
    expect(shown).toContain('Helen Carter');
    expect(shown).toContain('Kwame Mensah (mentor,');
  });
});
