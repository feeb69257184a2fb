import {
  installActivity,
  invokeActivity,
  personalConversationId,
  postActivity,
  postInvoke,
} from '../support/activities';
import { type FakeConnector, startFakeConnector, visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { call, devToken, startTestStorage } from '../support/test-service';

const PAIRS = 200;
const DAY = 24 * 3600 * 1000;

const person = (n: number) => ({
  aadObjectId: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Person ${n}`,
  timeZone: 'Europe/London',
});

let storage: EmbeddedStorage;
let connector: FakeConnector;
let a: ServiceProcess;
let b: ServiceProcess;

beforeAll(async () => {
  storage = await startTestStorage();
  connector = await startFakeConnector();
  const env = {
    TABLES_CONNECTION_STRING: storage.connectionString,
    COORDINATOR_IDS: COORDINATOR.userId,
  };
  [a, b] = await Promise.all([startServiceProcess(env), startServiceProcess(env)]);
}, 600_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await connector.stop();
  await storage.stop();
});

async function everywhere(path: string, json: object): Promise<void> {
  const answers = await Promise.all([a, b].map((s) => call(s.url, 'POST', path, { json })));
  for (const answer of answers) expect(answer.status).toBe(200);
}

/** Both instances tick at once, as two App Service instances would. */
async function at(iso: string): Promise<void> {
  await everywhere('/api/dev/clock', { now: iso });
  await everywhere('/api/dev/run-jobs', {});
}

/** What each person received, message by message, as they would read it. */
function received(): Map<string, string[]> {
  const byPerson = new Map<string, string[]>();
  for (const r of connector.received) {
    const text = visibleText(r.activity);
    byPerson.set(r.conversationId, [...(byPerson.get(r.conversationId) ?? []), text]);
  }
  return byPerson;
}

describe('two service instances sharing one storage account', () => {
  it(`send every nudge for ${PAIRS} pairs over a month exactly once`, async () => {
    const people = Array.from({ length: PAIRS * 2 }, (_, i) => person(i + 1));
    await everywhere('/api/dev/clock', { now: '2027-03-01T07:00:00Z' });
    // Everyone installs the app, half through each instance.
    for (let i = 0; i < people.length; i += 20) {
      await Promise.all(
        people
          .slice(i, i + 20)
          .map((p, k) =>
            postActivity((k % 2 ? a : b).url, installActivity(connector.serviceUrl, p)),
          ),
      );
    }
    const token = await devToken(a.url, COORDINATOR);
    const cohort = await call<{ id: string }>(a.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Scale cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    const rows = ['email,display_name,role,entra_object_id,partner_email'];
    for (let i = 0; i < PAIRS; i++) {
      const m = people[2 * i]!;
      const e = people[2 * i + 1]!;
      rows.push(`m${i}@t.nhs.uk,${m.name},mentor,${m.aadObjectId},e${i}@t.nhs.uk`);
      rows.push(`e${i}@t.nhs.uk,${e.name},mentee,${e.aadObjectId},`);
    }
    const imported = await call(a.url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
      token,
      body: rows.join('\n'),
      contentType: 'text/csv',
    });
    expect(imported.status).toBe(201);
    connector.clear();

    // Monday 1 March, 10:00: introductions; then everyone agrees, through either instance.
    await at('2027-03-01T10:00:00Z');
    for (let i = 0; i < people.length; i += 20) {
      await Promise.all(
        people.slice(i, i + 20).map(async (p, k) => {
          const instance = k % 2 ? b : a;
          const intro = connector.received.find(
            (r) => r.conversationId === personalConversationId(p),
          );
          const pairId = JSON.stringify(intro?.activity).match(/"pairId":"([^"]+)"/)?.[1];
          const answer = await postInvoke(
            instance.url,
            invokeActivity(connector.serviceUrl, p, 'contract.agree', {
              pairId,
              cardVersion: 1,
              contractVersion: 1,
            }),
          );
          expect(answer.body.statusCode).toBe(200);
        }),
      );
    }

    // A simulated month, a day at a time, both instances ticking together. What coincides for
    // one person across instances waits for their next day: never two nudges in one day.
    let busiestDay = 0;
    for (let day = 1; day <= 32; day++) {
      const before = connector.received.length;
      await at(new Date(Date.parse('2027-03-01T09:30:00Z') + day * DAY).toISOString());
      const today = new Map<string, number>();
      for (const r of connector.received.slice(before)) {
        today.set(r.conversationId, (today.get(r.conversationId) ?? 0) + 1);
      }
      busiestDay = Math.max(busiestDay, ...today.values(), 0);
    }
    expect(busiestDay).toBe(1);

    const inbox = received();
    let duplicates = 0;
    let missing = 0;
    const problems: string[] = [];
    for (const p of people) {
      const titles = inbox.get(personalConversationId(p)) ?? [];
      const nudges = titles.filter((t) => !t.startsWith('You are both signed up'));
      const expected = [
        'Meet your partner',
        'Time to plan your meeting 1 of 6',
        'Time to plan your meeting 2 of 6',
      ];
      for (const title of expected) {
        const copies = nudges.filter((n) => n.includes(title)).length;
        if (copies === 0) {
          missing++;
          problems.push(
            `${p.name} never received "${title}"; got: ${JSON.stringify(nudges.map((n) => n.split('\n')[0]))}`,
          );
        }
        if (copies > 1) duplicates += copies - 1;
      }
    }
    const trouble = [a, b]
      .flatMap((s) => s.output().split('\n'))
      .filter((line) => /"level":(40|50)/.test(line))
      .slice(0, 10);
    expect({ duplicates, missing, problems, trouble }).toEqual({
      duplicates: 0,
      missing: 0,
      problems: [],
      trouble: [],
    });
    // Both instances did real work.
    expect(a.output()).toMatch(/nudge sent/);
    expect(b.output()).toMatch(/nudge sent/);
  }, 600_000);
});
