import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/src/app/config';
import { type RunningService, startService } from '../../bot/src/app/service';
import { createLogger } from '../../bot/src/platform/logger';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { call, startTestStorage } from '../support/test-service';

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
