import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/src/app/config';
import { type RunningService, startService } from '../../bot/src/app/service';
import { createLogger } from '../../bot/src/platform/logger';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { call, devToken, startTestStorage } from '../support/test-service';

/**
 * Issue 18, logging that costs little: one line for every error, slow request and write, each
 * with the request's correlation id; a routine successful read logs nothing at info. A slow
 * request is made slow on the request timer the service is given (a test seam), not by sleeping.
 */

type Line = Record<string, unknown> & { level: number; msg: string };
const lines: Line[] = [];
let storage: EmbeddedStorage;
let service: RunningService;
/** What the test adds to the request timer: moved inside a request to make it slow. */
let timerOffsetMs = 0;

const INFO = 30;

function linesOf(correlationId: string): Line[] {
  return lines.filter((l) => l.correlationId === correlationId && l.level >= INFO);
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

/** A write marks the log: once its line is in, every earlier request's line is too. */
async function settleLog(marker: string): Promise<void> {
  const answer = await call(service.url, 'POST', '/api/dev/token', {
    json: { userId: 'b0000000-0000-4000-8000-000000000001', name: 'Marker' },
    headers: { 'x-correlation-id': marker },
  });
  expect(answer.status).toBe(200);
  await waitFor(() => linesOf(marker).length > 0);
}

beforeAll(async () => {
  storage = await startTestStorage();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Line);
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
  service = await startService(config, createLogger('info', sink), {
    monotonicMs: () => performance.now() + timerOffsetMs,
  });
  await service.ready;
});

afterAll(async () => {
  await service?.stop();
  await storage?.stop();
});

describe('request logging (issue 18)', () => {
  it('logs nothing at info for a routine successful read', async () => {
    const token = await devToken(service.url, {
      userId: 'b0000000-0000-4000-8000-000000000003',
      name: 'Reader',
    });
    const read = await call(service.url, 'GET', '/api/me', {
      token,
      headers: { 'x-correlation-id': 'routine-read-1' },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-correlation-id')).toBe('routine-read-1');
    await settleLog('after-routine-read');
    expect(linesOf('routine-read-1')).toEqual([]);
  });

  it('logs a write in one line with its correlation id', async () => {
    const write = await call(service.url, 'POST', '/api/dev/token', {
      json: { userId: 'b0000000-0000-4000-8000-000000000002', name: 'Writer' },
      headers: { 'x-correlation-id': 'a-write-1' },
    });
    expect(write.status).toBe(200);
    await waitFor(() => linesOf('a-write-1').length > 0);
    await settleLog('after-write');
    expect(linesOf('a-write-1')).toEqual([
      expect.objectContaining({
        msg: 'request',
        level: INFO,
        method: 'POST',
        route: '/api/dev/token',
        status: 200,
      }),
    ]);
  });

  it('logs an error answer with its correlation id', async () => {
    const refused = await call(service.url, 'GET', '/api/me', {
      headers: { 'x-correlation-id': 'refused-read-1' },
    });
    expect(refused.status).toBe(401);
    await waitFor(() => linesOf('refused-read-1').length > 0);
    expect(linesOf('refused-read-1')).toContainEqual(
      expect.objectContaining({ msg: 'request', route: '/api/me', status: 401 }),
    );
  });

  it('logs a slow read at info, marked slow, with its correlation id', async () => {
    const token = await devToken(service.url, {
      userId: 'b0000000-0000-4000-8000-000000000004',
      name: 'Slow reader',
    });
    const memberships = service.parts.repos.memberships;
    const original = memberships.listFor.bind(memberships);
    // The request's own storage read moves the request timer on by 1.5 s.
    memberships.listFor = async (key: string) => {
      timerOffsetMs += 1_500;
      return original(key);
    };
    try {
      const read = await call(service.url, 'GET', '/api/me', {
        token,
        headers: { 'x-correlation-id': 'slow-read-1' },
      });
      expect(read.status).toBe(200);
    } finally {
      memberships.listFor = original;
    }
    await waitFor(() => linesOf('slow-read-1').length > 0);
    expect(linesOf('slow-read-1')).toEqual([
      expect.objectContaining({
        msg: 'request',
        level: INFO,
        route: '/api/me',
        status: 200,
        slow: true,
        ms: expect.any(Number),
      }),
    ]);
    expect(linesOf('slow-read-1')[0]!.ms as number).toBeGreaterThanOrEqual(1_500);
  });

  it('says what a request asked of storage: calls, attempts, and the slowest call', async () => {
    const write = await call(service.url, 'POST', '/api/dev/token', {
      json: { userId: 'b0000000-0000-4000-8000-000000000005', name: 'Counted' },
      headers: { 'x-correlation-id': 'counted-1' },
    });
    expect(write.status).toBe(200);
    const token = (write.body as { token: string }).token;
    const goalless = await call(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Not allowed' },
      headers: { 'x-correlation-id': 'counted-2' },
    });
    expect(goalless.status).toBe(403);
    await waitFor(() => linesOf('counted-2').length > 0);
    const used = linesOf('counted-2')[0]!.storage as Record<string, unknown>;
    // The token check (is this person erased?) and the staff-role look-up at least.
    expect(used.calls).toBeGreaterThanOrEqual(2);
    expect(used.attempts).toBeGreaterThanOrEqual(used.calls as number);
    expect(used.slowest).toMatch(/^GET [A-Za-z]+$/);
    expect(used.slowestMs).toBeGreaterThanOrEqual(0);
    expect(used.spanMs).toBeGreaterThanOrEqual(used.slowestMs as number);
  });
});
