import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import {
  type FakeConnector,
  type FakeConnectorOptions,
  startFakeConnector,
} from '../support/fake-connector';
import { parseCliOptions } from '../support/fake-connector-cli';

/**
 * The fake Bot Connector answers as Teams does: sends, replies, updates, members, its rate limits,
 * 5xx faults, blocked users and deleted chats. Driven here with plain fetch.
 */

const TENANT = 'tenant-1';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { id?: string; activityId?: string; error?: { code: string; subCode?: string } } & Record<
    string,
    unknown
  >;
}

let connector: FakeConnector;
const started: FakeConnector[] = [];

async function start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const fake = await startFakeConnector(options);
  started.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

async function request(method: string, path: string, json?: unknown): Promise<Answer> {
  const response = await fetch(new URL(path, connector.serviceUrl), {
    method,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: text ? JSON.parse(text) : {},
  };
}

const conv = (id: string) => `/v3/conversations/${encodeURIComponent(id)}`;

function message(text: string, recipient?: string) {
  return {
    type: 'message',
    text,
    from: { id: '28:bot' },
    recipient: recipient ? { id: recipient } : undefined,
    conversation: { tenantId: TENANT },
  };
}

const send = (conversationId: string, text = 'hello', recipient?: string) =>
  request('POST', `${conv(conversationId)}/activities`, message(text, recipient));

function createChat(memberId: string, extra: Record<string, unknown> = {}) {
  return request('POST', '/v3/conversations', {
    bot: { id: '28:bot' },
    members: [{ id: memberId, name: `Name of ${memberId}` }],
    isGroup: false,
    tenantId: TENANT,
    channelData: { tenant: { id: TENANT } },
    ...extra,
  });
}

/** A clock the test moves by hand, so windows are exact. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('by default, as existing tests use it', () => {
  it('accepts every send and reply, with no limits, and records them in order', async () => {
    connector = await start();
    for (let i = 0; i < 20; i++) expect((await send('a:one', `m${i}`)).status).toBe(200);
    const reply = await request('POST', `${conv('a:one')}/activities/incoming-1`, message('re'));
    expect(reply).toMatchObject({ status: 200, body: { id: expect.stringMatching(/^activity-/) } });
    const all = await connector.waitFor(21);
    expect(all.map((r) => r.activity.text)).toEqual(
      [...Array(20).keys()].map((i) => `m${i}`).concat('re'),
    );
    expect(all[20]).toMatchObject({ conversationId: 'a:one', replyToId: 'incoming-1' });
    connector.clear();
    expect(connector.received).toHaveLength(0);
    expect(connector.stats().requests).toBe(0);
    expect((await request('GET', '/v3/whatever')).status).toBe(404);
  });

  it('waitFor rejects when too few activities arrive', async () => {
    connector = await start();
    await expect(connector.waitFor(1, 50)).rejects.toThrow('expected 1 activities, got 0');
  });
});

describe('Teams rate limits', () => {
  it('answers 429 with Retry-After and a TooManyRequests body past 50 requests a second per tenant', async () => {
    const clock = manualClock();
    connector = await start({ now: clock.now, rateLimits: { perConversation: false } });
    for (let i = 0; i < 50; i++) {
      expect((await send(`a:user-${i}`)).status).toBe(200);
      clock.advance(10); // 50 requests within 490 ms
    }
    const refused = await send('a:user-50');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.error).toMatchObject({ code: 'TooManyRequests' });

    // The first request leaves the window 1000 ms after it arrived, and one more fits.
    clock.advance(1000 - 500);
    expect((await send('a:user-50')).status).toBe(200);
    expect((await send('a:user-51')).status).toBe(429);

    // Another tenant has its own budget.
    const other = await request('POST', `${conv('a:elsewhere')}/activities`, {
      ...message('hi'),
      conversation: { tenantId: 'tenant-2' },
    });
    expect(other.status).toBe(200);

    const stats = connector.stats();
    expect(stats.throttled).toBe(2);
    expect(stats.throttledBy).toEqual({ global: 2 });
    expect(stats.byStatus).toEqual({ '200': 52, '429': 2 });
    expect(stats.perConversation['a:user-51']).toMatchObject({ attempts: 1, throttled: 1 });
  });

  it('holds each conversation to 7 per second and 8 per two seconds; others are unaffected', async () => {
    const clock = manualClock();
    connector = await start({ now: clock.now, rateLimits: { globalPerSecond: false } });
    for (let i = 0; i < 7; i++) expect((await send('a:ama')).status).toBe(200);
    const eighth = await send('a:ama');
    expect(eighth).toMatchObject({ status: 429, retryAfter: '1' });
    expect((await send('a:dev')).status).toBe(200);

    clock.advance(1000); // the 1 s window is empty again; the 2 s window holds 7
    expect((await send('a:ama')).status).toBe(200);
    const ninth = await send('a:ama');
    expect(ninth).toMatchObject({ status: 429, retryAfter: '1' });
    expect(connector.requests.at(-1)!.limitedBy).toBe('conversation:8/2000ms');

    clock.advance(1000);
    expect((await send('a:ama')).status).toBe(200);
    expect(connector.deliveredTo('a:ama')).toHaveLength(9);
    expect(connector.stats().perConversation['a:ama']).toMatchObject({
      attempts: 11,
      delivered: 9,
      throttled: 2,
    });
  });

  it('holds a conversation to 60 per 30 seconds, with Retry-After counting to the oldest send', async () => {
    const clock = manualClock();
    connector = await start({ now: clock.now, rateLimits: { globalPerSecond: false } });
    for (let k = 0; k < 60; k++) {
      // three a second: under 7/1 s and 8/2 s
      expect((await send('a:ama', `m${k}`)).status).toBe(200);
      clock.advance(k % 3 === 2 ? 980 : 10);
    }
    // 60 sends between t=0 and t≈19.6 s; the next waits until the first is 30 s old.
    const refused = await send('a:ama');
    expect(refused.status).toBe(429);
    expect(connector.requests.at(-1)!.limitedBy).toBe('conversation:60/30000ms');
    expect(Number(refused.retryAfter)).toBe(Math.ceil((30_000 - 20_000) / 1000));
    clock.advance(10_000);
    expect((await send('a:ama')).status).toBe(200);
  });

  it('takes custom windows, and limits can be turned off at runtime', async () => {
    const clock = manualClock();
    connector = await start({
      now: clock.now,
      rateLimits: { globalPerSecond: false, perConversation: [{ limit: 2, windowMs: 100 }] },
    });
    expect((await send('a:x')).status).toBe(200);
    expect((await send('a:x')).status).toBe(200);
    expect((await send('a:x')).status).toBe(429);
    clock.advance(100);
    expect((await send('a:x')).status).toBe(200);
    connector.configure({ rateLimits: false });
    for (let i = 0; i < 30; i++) expect((await send('a:x')).status).toBe(200);
  });

  it('throttles real bursts by the wall clock', async () => {
    connector = await start({ rateLimits: { globalPerSecond: 10, perConversation: false } });
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => send(`a:p${i}`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429).every((a) => a.retryAfter === '1')).toBe(true);
    expect(connector.stats()).toMatchObject({ delivered: 10, throttled: 5 });
  });
});

describe('injected faults', () => {
  async function statusesOf(seed: number): Promise<number[]> {
    connector = await start({ seed, faults: { serverErrorRate: 0.3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await send(`a:p${i}`)).status);
    expect(connector.stats().injectedFaults).toBe(statuses.filter((s) => s !== 200).length);
    await connector.stop();
    return statuses;
  }

  it('answers 5xx at the configured rate, the same way for the same seed', async () => {
    const first = await statusesOf(42);
    const again = await statusesOf(42);
    const other = await statusesOf(7);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const failures = first.filter((s) => s !== 200);
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.length).toBeLessThan(25);
    expect(new Set(failures).size).toBeGreaterThan(1);
    for (const s of failures) expect([500, 502, 503]).toContain(s);
  });

  it('fails exactly the scheduled attempts, and what failNext asks for', async () => {
    connector = await start({ faults: { schedule: { 2: 503, 4: 500 } } });
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push((await send(`a:p${i}`)).status);
    expect(statuses).toEqual([200, 503, 200, 500, 200]);
    expect(connector.deliveredTo('a:p2')).toHaveLength(0);

    connector.failNext(2, 502, { conversationId: 'a:flaky' });
    expect((await send('a:steady')).status).toBe(200);
    expect((await send('a:flaky')).status).toBe(502);
    expect((await send('a:flaky')).status).toBe(502);
    expect((await send('a:flaky')).status).toBe(200);
    expect(connector.stats().byErrorCode).toEqual({
      ServiceUnavailable: 1,
      InternalServerError: 1,
      BadGateway: 2,
    });
  });

  it('can fail a send that was delivered anyway, so a blind retry shows up as a duplicate', async () => {
    connector = await start();
    connector.failNext(1, 504, { deliveredAnyway: true });
    expect((await send('a:ama', 'Announcement')).status).toBe(504);
    expect((await send('a:ama', 'Announcement')).status).toBe(200);
    expect(connector.deliveredTo('a:ama')).toHaveLength(2);
    expect(connector.duplicates()).toEqual([
      expect.objectContaining({ conversationId: 'a:ama', count: 2 }),
    ]);
    expect(connector.stats().duplicates).toBe(1);
  });

  it('lets a test answer any request through onRequest', async () => {
    connector = await start({
      onRequest: (r) => (r.conversationId === 'a:odd' ? { status: 412 } : undefined),
    });
    expect((await send('a:odd')).status).toBe(412);
    expect((await send('a:even')).status).toBe(200);
    expect(connector.requests.map((r) => [r.conversationId, r.status, r.fault])).toEqual([
      ['a:odd', 412, 'hook'],
      ['a:even', 200, undefined],
    ]);
  });

  it('adds latency, so sends are really in flight together', async () => {
    connector = await start({ latencyMs: { min: 80, max: 120 } });
    const began = Date.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => send(`a:p${i}`)));
    expect(Date.now() - began).toBeGreaterThanOrEqual(80);
    expect(Date.now() - began).toBeLessThan(1000);
    expect(connector.stats().maxInFlight).toBe(5);
  });
});

describe('people who blocked the bot, and deleted chats', () => {
  it('answers 403 MessageWritesBlocked for a blocked user or conversation until unblocked', async () => {
    connector = await start({ blocked: ['29:bob'] });
    const created = await createChat('29:bob');
    expect(created.status).toBe(403);
    expect(created.body.error).toEqual({
      code: 'ConversationBlockedByUser',
      message: 'User blocked the conversation with the bot.',
      subCode: 'MessageWritesBlocked',
    });
    expect((await send('a:personal-bob', 'hi', '29:bob')).status).toBe(403);

    connector.block('a:carol');
    expect((await send('a:carol')).body.error).toMatchObject({ subCode: 'MessageWritesBlocked' });
    connector.unblock('a:carol');
    expect((await send('a:carol')).status).toBe(200);
    expect(connector.stats().perConversation['a:carol']).toMatchObject({
      blocked: 1,
      delivered: 1,
    });
  });

  it('gives a member the same 1:1 chat each time, and a new one after the chat was deleted', async () => {
    connector = await start();
    const first = await createChat('29:ama');
    expect(first).toMatchObject({ status: 201, body: { id: 'a:personal-ama' } });
    expect(await createChat('29:ama')).toMatchObject({
      status: 200,
      body: { id: 'a:personal-ama' },
    });
    expect((await send('a:personal-ama', 'before')).status).toBe(200);

    connector.markDeleted('a:personal-ama');
    const gone = await send('a:personal-ama', 'lost');
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'ConversationNotFound' });
    expect((await request('GET', `${conv('a:personal-ama')}/members`)).status).toBe(404);

    const again = await createChat('29:ama', { activity: message('after') });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe('a:personal-ama');
    expect(again.body.activityId).toEqual(expect.stringMatching(/^activity-/));
    expect((await send(again.body.id!, 'later')).status).toBe(200);
    expect((await send('a:personal-ama', 'still lost')).status).toBe(404);

    expect(connector.conversationOf('29:ama')).toBe(again.body.id);
    expect(connector.deliveredTo('29:ama').map((r) => r.activity.text)).toEqual([
      'before',
      'after',
      'later',
    ]);
  });

  it('starts a chat deleted from the options under a new id', async () => {
    connector = await start({ deletedConversations: ['a:personal-dev'] });
    expect((await send('a:personal-dev')).status).toBe(404);
    expect((await createChat('29:dev')).body.id).toBe('a:personal-dev-v2');
  });

  it('in strict mode, knows only conversations that were created or added', async () => {
    connector = await start({ strictConversations: true });
    expect((await send('a:never-created')).body.error).toMatchObject({
      code: 'ConversationNotFound',
    });
    const id = connector.addConversation({ members: [{ id: '29:zoe' }], tenantId: TENANT });
    expect((await send(id)).status).toBe(200);
  });

  it('posts to a channel as a new thread', async () => {
    connector = await start();
    const posted = await request('POST', '/v3/conversations', {
      isGroup: true,
      channelData: { channel: { id: '19:general@thread.tacv2' }, tenant: { id: TENANT } },
      activity: message('To everyone'),
    });
    expect(posted.status).toBe(201);
    expect(posted.body.id).toBe(`19:general@thread.tacv2;messageid=${posted.body.activityId}`);
    expect(connector.deliveredTo(posted.body.id!)).toHaveLength(1);
  });
});

describe('updates, deletes and members', () => {
  it('updates an activity in place without a new message, and 404s an unknown one', async () => {
    connector = await start();
    const sent = await send('a:ama', 'Version 1');
    const id = sent.body.id!;
    const updated = await request('PUT', `${conv('a:ama')}/activities/${id}`, message('Version 2'));
    expect(updated).toMatchObject({ status: 200, body: { id } });
    expect(connector.current(id)?.text).toBe('Version 2');
    expect(connector.received).toHaveLength(1);
    expect(connector.updates).toEqual([
      expect.objectContaining({ conversationId: 'a:ama', activityId: id }),
    ]);
    expect((await request('PUT', `${conv('a:ama')}/activities/nope`, message('x'))).status).toBe(
      404,
    );

    expect((await request('DELETE', `${conv('a:ama')}/activities/${id}`)).status).toBe(200);
    expect(connector.current(id)).toBeUndefined();
    expect((await request('PUT', `${conv('a:ama')}/activities/${id}`, message('3'))).status).toBe(
      404,
    );
    expect(connector.stats()).toMatchObject({ delivered: 1, updates: 1, deletes: 1 });
    expect(connector.stats().perConversation['a:ama']).toMatchObject({ updates: 1 });
  });

  it('lists the members known for a conversation and finds one by id or AAD object id', async () => {
    connector = await start();
    const id = connector.addConversation({
      members: [{ id: '29:ama', name: 'Ama Boateng', aadObjectId: 'aad-ama' }],
      tenantId: TENANT,
    });
    expect((await request('GET', `${conv(id)}/members`)).body).toEqual([
      { id: '29:ama', name: 'Ama Boateng', aadObjectId: 'aad-ama' },
    ]);
    expect((await request('GET', `${conv(id)}/members/29%3Aama`)).body).toMatchObject({
      name: 'Ama Boateng',
    });
    expect((await request('GET', `${conv(id)}/members/aad-ama`)).status).toBe(200);
    const missing = await request('GET', `${conv(id)}/members/29%3Anobody`);
    expect(missing).toMatchObject({ status: 404 });
    expect(missing.body.error).toMatchObject({ code: 'MemberNotFoundInConversation' });
    expect((await request('GET', `${conv('a:unknown')}/members`)).status).toBe(404);
    expect((await createChat('29:dev')).status).toBe(201);
    expect((await request('GET', `${conv('a:personal-dev')}/members`)).body).toEqual([
      { id: '29:dev', name: 'Name of 29:dev' },
    ]);
  });
});

describe('stats', () => {
  it('counts sends per recipient, so a test can assert exactly once', async () => {
    connector = await start();
    await send('a:personal-ama', 'one', '29:ama');
    await send('a:personal-dev', 'one', '29:dev');
    await send('a:personal-dev', 'two', '29:dev');
    const stats = connector.stats();
    expect(stats.perRecipient).toEqual({ '29:ama': 1, '29:dev': 2 });
    expect(stats.delivered).toBe(3);
    expect(stats.sendsPerSecond).toBeGreaterThan(0);
    expect(stats.peakSendsPerSecond).toBe(3);
    expect(connector.deliveredTo('29:dev')).toHaveLength(2);
    expect(stats.duplicates).toBe(0);
  });
});

describe('as its own process', () => {
  it('reads options from argv and env', () => {
    expect(
      parseCliOptions(
        ['--port=0', '--seed', '9', '--per-conversation=2/100', '--latency=5-50', '--strict'],
        { FAKE_CONNECTOR_FAULT_RATE: '0.1', FAKE_CONNECTOR_BLOCKED: '29:a,29:b' },
      ),
    ).toEqual({
      port: 0,
      seed: 9,
      strictConversations: true,
      blocked: ['29:a', '29:b'],
      rateLimits: { perConversation: [{ limit: 2, windowMs: 100 }] },
      faults: { serverErrorRate: 0.1 },
      latencyMs: { min: 5, max: 50 },
    });
    expect(parseCliOptions(['--rate-limits=off'])).not.toHaveProperty('rateLimits');
    expect(() => parseCliOptions(['--colour=blue'])).toThrow('unknown option --colour');
  });

  it('prints its URL as JSON, reports /_stats and /_progress and resets on /_reset', async () => {
    const root = path.resolve(__dirname, '../..');
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/fake-connector-cli.ts', '--port=0', '--rate-limits=off'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const { serviceUrl, pid } = JSON.parse(line) as { serviceUrl: string; pid: number };
      expect(pid).toBe(child.pid);
      const post = (p: string, json: unknown) =>
        fetch(new URL(p, serviceUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
      expect((await post(`${conv('a:x')}/activities`, message('hi'))).status).toBe(200);
      const stats = await (await fetch(new URL('/_stats', serviceUrl))).json();
      expect(stats).toMatchObject({ delivered: 1, byStatus: { '200': 1 } });
      expect(await (await fetch(new URL('/_progress', serviceUrl))).json()).toEqual({
        delivered: 1,
        requests: 1,
      });
      expect((await post('/_reset', {})).status).toBe(200);
      expect(await (await fetch(new URL('/_stats', serviceUrl))).json()).toMatchObject({
        requests: 0,
        delivered: 0,
      });
    } finally {
      child.kill('SIGTERM');
    }
  }, 600_000);
});
