import { DEMO_PARTICIPANTS } from '../../bot/src/features/dev/demo-cohort';
import { demoPlaygroundConfig } from '../../bot/src/features/dev/playground-config';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { invokeActivity, postInvoke } from '../support/activities';
import { screenshot } from '../support/browser';
import {
  type PlaygroundPage,
  type PlaygroundServer,
  clickCardAction,
  fillCardInput,
  openPlayground,
  selectCardChoice,
  startPlayground,
  waitForText,
} from '../support/playground';
import { call, startTestService, startTestStorage } from '../support/test-service';

const [AMARA, DAVID] = DEMO_PARTICIPANTS as [
  (typeof DEMO_PARTICIPANTS)[0],
  (typeof DEMO_PARTICIPANTS)[0],
];

let storage: EmbeddedStorage;
let service: RunningService;
let playground: PlaygroundServer;
let ui: PlaygroundPage;

async function at(iso: string): Promise<void> {
  expect((await call(service.url, 'POST', '/api/dev/clock', { json: { now: iso } })).status).toBe(
    200,
  );
  expect((await call(service.url, 'POST', '/api/dev/run-jobs', { json: {} })).status).toBe(200);
}

/** David is not at the keyboard: his clicks go straight to the bot, as Teams would send them. */
async function davidClicks(verb: string, data: Record<string, unknown>) {
  const david = { aadObjectId: DAVID.userId, name: DAVID.name, timeZone: 'Europe/London' };
  const response = await postInvoke(
    service.url,
    invokeActivity(playground.serviceUrl, david, verb, data),
  );
  expect(response.body.statusCode).toBe(200);
  return response.body.value;
}

beforeAll(async () => {
  storage = await startTestStorage();
  service = await startTestService(storage.connectionString, { SEED_DEMO: 'true' });
  playground = await startPlayground({
    botEndpoint: `http://127.0.0.1:${service.port}/api/messages`,
    config: demoPlaygroundConfig(),
  });
  ui = await openPlayground(playground.url);
  await waitForText(ui.page, 'Welcome, Amara', 20_000);
});

afterAll(async () => {
  await ui?.close();
  await playground?.stop();
  await service?.stop();
  await storage?.stop();
});

describe('a pair’s journey in the Agents Playground', () => {
  it('introduces Amara, agrees the contract, then prompts preparation and reflection as time passes', async () => {
    // Monday 1 March 2027, 10:00: the introductions go out.
    await at('2027-03-01T10:00:00Z');
    await waitForText(ui.page, 'Meet your partner, Amara', 15_000);
    await clickCardAction(ui.page, 'Read and agree our contract');
    await waitForText(ui.page, 'Our relationship contract', 15_000);
    await clickCardAction(ui.page, 'I agree');
    await waitForText(ui.page, 'Agreed by you', 15_000);

    const me = await call<{ memberships: { pair: { id: string } }[] }>(
      service.url,
      'GET',
      '/api/me',
      {
        token: (
          await call<{ token: string }>(service.url, 'POST', '/api/dev/token', {
            json: { userId: AMARA.userId, name: AMARA.name },
          })
        ).body.token,
      },
    );
    const pairId = me.body.memberships[0]!.pair.id;
    await davidClicks('contract.agree', { pairId, cardVersion: 1, contractVersion: 1 });
    await waitForText(ui.page, 'You are both signed up', 15_000);

    // Next morning the nudge to plan meeting 1; David books it for Wednesday 10 March, 14:00.
    await at('2027-03-02T09:01:00Z');
    await waitForText(ui.page, 'Time to plan your meeting 1 of 6', 15_000);
    await davidClicks('meeting.booked', {
      pairId,
      meetingId: 'm01',
      cardVersion: 1,
      date: '2027-03-10',
      time: '14:00',
      minutes: '60',
      mode: 'online',
    });
    await waitForText(ui.page, 'Meeting 1 is booked', 15_000);

    // Two days before: the preparation prompt.
    await at('2027-03-08T14:01:00Z');
    await waitForText(ui.page, /Preparing for meeting 1|meeting 1/i, 15_000);

    // After the meeting: the reflection card, filled in and saved in the Playground.
    await at('2027-03-10T16:01:00Z');
    await waitForText(ui.page, 'How did meeting 1 go?', 15_000);
    await selectCardChoice(ui.page, 'Did the meeting happen?', 'Yes, we met');
    await fillCardInput(ui.page, 'If you met: how long, in minutes', '65');
    await fillCardInput(ui.page, 'What I learned', 'Board papers rarely reach the ward');
    await screenshot(ui.page, 'playground-reflection');
    await clickCardAction(ui.page, 'Save my reflection');
    await waitForText(ui.page, 'Only you can see it', 15_000);
    await screenshot(ui.page, 'playground-reflection-saved');

    const space = await service.parts.repos.pairSpaces.load(pairId);
    expect(space.reflections.map((r) => r.value)).toEqual([
      expect.objectContaining({
        authorId: expect.any(String),
        learned: 'Board papers rarely reach the ward',
        sharedWithPartner: false,
      }),
    ]);
    expect(space.meetings.find((m) => m.value.id === 'm01')?.value).toMatchObject({
      status: 'held',
      heldMinutes: 65,
    });
    expect(ui.consoleErrors).toEqual([]);
  });
});
