import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/src/app/config';
import { createLogger } from '../../bot/src/platform/logger';
import { type RunningService, startService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { type FakeConnector, startFakeConnector, visibleText } from '../support/fake-connector';
import {
  installActivity,
  messageActivity,
  personalConversationId,
  postActivity,
  teamInstallActivity,
} from '../support/activities';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

const AMA = { aadObjectId: 'a0000000-0000-4000-8000-000000000001', name: 'Ama Boateng' };
const COORDINATOR = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };

let storage: EmbeddedStorage;
let service: RunningService;
let connector: FakeConnector;

beforeAll(async () => {
  storage = await startTestStorage();
  connector = await startFakeConnector();
  service = await startTestService(storage.connectionString, {
    COORDINATOR_IDS: COORDINATOR.userId,
  });
});

afterAll(async () => {
  await service.stop();
  await connector.stop();
  await storage.stop();
});

beforeEach(() => connector.clear());

async function say(text: string, expected = 1) {
  expect(await postActivity(service.url, messageActivity(connector.serviceUrl, AMA, text))).toBe(
    200,
  );
  const received = await connector.waitFor(expected);
  return received.map((r) => visibleText(r.activity));
}

describe('bot basics', () => {
  it('welcomes a person who installs the app, in their personal chat, and remembers how to reach them', async () => {
    expect(await postActivity(service.url, installActivity(connector.serviceUrl, AMA))).toBe(200);
    const [welcome] = await connector.waitFor(1);
    expect(welcome!.conversationId).toBe(personalConversationId(AMA));
    expect(welcome!.activity.attachments?.[0]?.contentType).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
    expect(visibleText(welcome!.activity)).toMatch(/Welcome, Ama/);
    expect(visibleText(welcome!.activity)).toMatch(/reflections stay private/);

    const stored = await service.parts.repos.conversations.getPersonal(AMA.aadObjectId);
    expect(stored).toMatchObject({
      conversationId: personalConversationId(AMA),
      serviceUrl: connector.serviceUrl,
      tenantId: '66666666-7777-4888-9999-000000000000',
      timeZone: 'Europe/London',
    });
    expect(JSON.parse(stored!.referenceJson)).toMatchObject({
      conversation: { id: personalConversationId(AMA) },
    });
  });

  it('welcomes a team once, in its channel, with programme-wide wording and no personal greeting', async () => {
    expect(await postActivity(service.url, teamInstallActivity(connector.serviceUrl, AMA))).toBe(
      200,
    );
    const [welcome] = await connector.waitFor(1);
    expect(welcome!.conversationId).toBe('19:general-channel@thread.tacv2');
    const text = visibleText(welcome!.activity);
    expect(text).toMatch(/^Welcome to reverse mentoring/);
    expect(text).toMatch(/message me privately/);
    await expect(
      service.parts.repos.conversations.getConversation('19:general-channel@thread.tacv2'),
    ).resolves.toMatchObject({ conversationType: 'channel' });
  });

  it('answers help with the command list, whatever the case and spacing', async () => {
    const [help] = await say('  HELP ');
    expect(help).toMatch(/Commands/);
    for (const command of ['my pair', 'next meeting', 'reflect', 'end pairing'])
      expect(help).toContain(command);
  });

  it('answers unknown text helpfully, naming what it did not understand', async () => {
    const replies = await say('what is the weather', 2);
    expect(replies[0]).toMatch(/don't know "what is the weather"/);
    expect(replies[1]).toMatch(/Commands/);
  });

  it('tells someone not yet paired so, then shows the pair once the coordinator imports it', async () => {
    expect((await say('my pair'))[0]).toMatch(/not paired with anyone yet/);
    connector.clear();

    const token = await devToken(service.url, COORDINATOR);
    const cohort = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Cohort 5', startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    const roster = [
      'email,display_name,role,job_title,organisation,entra_object_id,partner_email',
      `ama@trust.nhs.uk,Ama Boateng,mentor,HCA,City,${AMA.aadObjectId},dev@trust.nhs.uk`,
      'dev@trust.nhs.uk,Dev Patel,mentee,Director of Nursing,County ICB,,',
    ].join('\n');
    const imported = await call(service.url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
      token,
      body: roster,
      contentType: 'text/csv',
    });
    expect(imported.status).toBe(201);

    const [card] = await say('my pair');
    expect(card).toMatch(/Dev Patel/);
    expect(card).toMatch(/Director of Nursing, County ICB/);
    expect(card).toMatch(/You are the reverse mentor/);
  });

  it('apologises with a reference id when a turn fails, without showing the error', async () => {
    const memberships = service.parts.repos.memberships;
    const original = memberships.listFor.bind(memberships);
    memberships.listFor = async () => {
      throw new Error('boom: secret internal detail');
    };
    try {
      const [reply] = await say('my pair');
      expect(reply).toMatch(
        /^Sorry, something went wrong on my side\..*quote reference [0-9a-f]{8}\.$/,
      );
      expect(reply).not.toContain('boom');
    } finally {
      memberships.listFor = original;
    }
  });
});

describe('the /api/messages endpoint', () => {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  let logged: RunningService;

  beforeAll(async () => {
    // A second instance on the same storage whose JSON log lines the test reads.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) {
          if (!line.trim()) continue;
          raw.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
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
    logged = await startService(config, createLogger('info', sink));
    await logged.ready;
  });

  afterAll(() => logged?.stop());

  it('answers a body that is not an activity with 400 in the JSON error shape', async () => {
    for (const json of [{}, [], { type: 'message' }, 'text']) {
      const answer = await call<{ error: { code: string; message: string } }>(
        logged.url,
        'POST',
        '/api/messages',
        { json },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toMatch(/^invalid_(body|activity)$/);
      expect(answer.body.error.message).toBeTruthy();
    }
    const noType = await call<{ error: { details: { fields: { field: string }[] } } }>(
      logged.url,
      'POST',
      '/api/messages',
      { json: { ...messageActivity(connector.serviceUrl, AMA, 'help'), type: undefined } },
    );
    expect(noType.status).toBe(400);
    expect(noType.body.error.details.fields.map((f) => f.field)).toEqual(['type']);
  });

  it('logs each turn with its correlation id, activity and conversation type', async () => {
    const activity = messageActivity(connector.serviceUrl, AMA, 'help');
    const response = await fetch(`${logged.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    // No X-Correlation-Id from the Bot Connector: the activity id is the turn's.
    expect(response.headers.get('x-correlation-id')).toBe(activity.id);
    const turn = lines.filter((l) => l.correlationId === activity.id);
    expect(turn).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        route: '/api/messages',
        status: 200,
        activityType: 'message',
        conversationType: 'personal',
      }),
    );

    // What the turn's code logs, deep down and through the root logger, carries it too.
    const memberships = logged.parts.repos.memberships;
    const original = memberships.listFor.bind(memberships);
    memberships.listFor = async () => {
      throw new Error('boom');
    };
    const failing = messageActivity(connector.serviceUrl, AMA, 'my pair');
    try {
      expect(await postActivity(logged.url, failing)).toBe(200);
    } finally {
      memberships.listFor = original;
    }
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'turn failed',
        correlationId: failing.id,
        activityType: 'message',
        reference: expect.any(String),
      }),
    );
  });

  it('echoes a caller X-Correlation-Id and logs every line of the request with it', async () => {
    const failing = await call(logged.url, 'GET', '/api/me', {
      headers: { 'x-correlation-id': 'support-case-4711' },
    });
    expect(failing.status).toBe(401);
    expect(failing.headers.get('x-correlation-id')).toBe('support-case-4711');
    const traced = lines.filter((l) => l.correlationId === 'support-case-4711');
    expect(traced).toContainEqual(
      expect.objectContaining({ msg: 'request', route: '/api/me', status: 401 }),
    );
    const moved = await call(logged.url, 'POST', '/api/dev/clock', {
      json: { now: '2027-03-01T09:00:00Z' },
      headers: { 'x-correlation-id': 'support-case-4712' },
    });
    expect(moved.status).toBe(200);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'dev clock moved', correlationId: 'support-case-4712' }),
    );
    // Never a key written twice in one line (a child logger's binding and the context).
    expect(raw.filter((line) => line.split('"correlationId"').length > 2)).toEqual([]);

    const fresh = await call(logged.url, 'GET', '/healthz');
    const id = fresh.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const invalid = await call(logged.url, 'GET', '/healthz', {
      headers: { 'x-correlation-id': 'no spaces or <tags> please' },
    });
    expect(invalid.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
