import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TAB_DIST } from '../../bot/src/platform/http/tab-static';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * Security headers (issue 12, hole 6): every answer of the one server, whatever its kind,
 * carries nosniff, a Referrer-Policy and a Content-Security-Policy: `default-src 'none'` with
 * no framing for JSON, CSV, ICS and errors; the tab's own policy (Teams may frame it) for its
 * pages. A 404 never echoes the address asked for.
 */

const COORDINATOR = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya@trust.nhs.uk',
};
const PLANTED = 'zz-planted-3f9c1e';
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

let storage: EmbeddedStorage;
let service: RunningService;
let url: string;
let token: string;
let cohortId: string;
let feedUrl: string;

beforeAll(async () => {
  if (!existsSync(path.join(TAB_DIST, 'index.html'))) {
    throw new Error('Build the tab first: npm run build:tab');
  }
  storage = await startTestStorage();
  service = await startTestService(storage.connectionString, {
    COORDINATOR_IDS: COORDINATOR.userId,
  });
  url = service.url;
  token = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Headers cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const feed = await call<{ url: string }>(url, 'POST', '/api/me/calendar-feed', { token });
  expect(feed.status).toBe(201);
  feedUrl = new URL(feed.body.url, url).pathname;
});

afterAll(async () => {
  await service?.stop();
  await storage?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function get(
  pathname: string,
  init: { method?: string; auth?: boolean; json?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.auth) headers.authorization = `Bearer ${token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${pathname}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function expectBaseHeaders(answer: Answer): void {
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.headers.get('referrer-policy')).toMatch(
    /^(no-referrer|strict-origin-when-cross-origin)$/,
  );
}

describe('every kind of answer carries the security headers', () => {
  const API_ANSWERS: [string, () => Promise<Answer>, number, RegExp][] = [
    ['a JSON API 200', () => get('/api/me', { auth: true }), 200, /^application\/json/],
    ['a JSON API 401', () => get('/api/me'), 401, /^application\/json/],
    ['a JSON API 404', () => get(`/api/${PLANTED}`, { auth: true }), 404, /^application\/json/],
    ['a JSON API 405', () => get(`/healthz`, { method: 'DELETE' }), 405, /^application\/json/],
    [
      'a CSV export',
      () => get(`/api/cohorts/${cohortId}/health.csv`, { auth: true }),
      200,
      /^text\/csv/,
    ],
    ['an ICS feed', () => get(feedUrl), 200, /^text\/calendar/],
    ['an unknown ICS feed', () => get(`/calendar/${PLANTED}.ics`), 404, /^application\/json/],
    ['/healthz', () => get('/healthz'), 200, /^application\/json/],
    ['a 404 under /tab/', () => get(`/tab/${PLANTED}.js`), 404, /^application\/json/],
    ['a 404 anywhere', () => get(`/${PLANTED}/x?${PLANTED}=1`), 404, /^application\/json/],
    [
      'an /api/messages 400',
      () => get('/api/messages', { method: 'POST', json: {} }),
      400,
      /^application\/json/,
    ],
  ];

  it.each(API_ANSWERS)(
    '%s: nosniff, a referrer policy and a closed CSP',
    async (_n, ask, status, type) => {
      const answer = await ask();
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(type);
      expectBaseHeaders(answer);
      expect(answer.headers.get('content-security-policy')).toBe(API_CSP);
    },
  );

  it('the tab’s page: its own CSP, which lets Teams frame it', async () => {
    const answer = await get('/tab/index.html');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expectBaseHeaders(answer);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(csp).toMatch(/default-src 'self'/);
  });

  it('the redirect to the tab carries them too', async () => {
    const answer = await get('/tab');
    expect(answer.status).toBe(302);
    expectBaseHeaders(answer);
    expect(answer.headers.get('content-security-policy')).toBe(API_CSP);
  });
});

describe('a 404 does not echo the address asked for', () => {
  it.each([
    ['under /tab/', `/tab/${PLANTED}.js`],
    ['under /api/', `/api/${PLANTED}`],
    ['anywhere', `/${PLANTED}/x?${PLANTED}=1`],
    ['a wrong method', `/healthz?${PLANTED}=1`],
    ['a malformed address', `/api/${PLANTED}%E0%A4%A`],
  ])('%s', async (what, pathname) => {
    const answer = await get(pathname, what === 'a wrong method' ? { method: 'DELETE' } : {});
    expect([400, 404, 405]).toContain(answer.status);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: expect.any(String) } });
    expect(answer.body).not.toContain(PLANTED);
    expect(answer.body).not.toContain(pathname.split('?')[0]);
  });
});
