import { demoPlaygroundConfig } from '../../bot/src/features/dev/playground-config';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import {
  type PlaygroundPage,
  type PlaygroundServer,
  openPlayground,
  sendMessage,
  startPlayground,
  waitForText,
} from '../support/playground';
import { screenshot } from '../support/browser';
import { startTestService, startTestStorage } from '../support/test-service';

let storage: EmbeddedStorage;
let service: RunningService;
let playground: PlaygroundServer;
let ui: PlaygroundPage;

beforeAll(async () => {
  storage = await startTestStorage();
  service = await startTestService(storage.connectionString, { SEED_DEMO: 'true' });
  playground = await startPlayground({
    botEndpoint: `http://127.0.0.1:${service.port}/api/messages`,
    config: demoPlaygroundConfig(),
  });
  ui = await openPlayground(playground.url);
});

afterAll(async () => {
  await ui?.close();
  await playground?.stop();
  await service?.stop();
  await storage?.stop();
});

describe('the bot in the Microsoft 365 Agents Playground', () => {
  it('welcomes the demo mentor on install, answers help and shows her pair', async () => {
    await waitForText(ui.page, 'Welcome, Amara', 20_000);
    await waitForText(ui.page, 'reflections stay private', 5_000);

    await sendMessage(ui.page, 'help');
    await waitForText(ui.page, 'Commands', 10_000);
    await waitForText(ui.page, 'end pairing', 5_000);

    await sendMessage(ui.page, 'my pair');
    await waitForText(ui.page, 'David Whitfield', 10_000);
    await waitForText(ui.page, 'You are the reverse mentor', 5_000);
    await screenshot(ui.page, 'playground-help-and-pair');

    expect(ui.consoleErrors).toEqual([]);
    // The conversation reference the Playground's install carried is stored for later nudges.
    const stored = await service.parts.repos.conversations.getPersonal(
      demoPlaygroundConfig().currentUser.aadObjectId,
    );
    expect(stored?.serviceUrl).toBe(playground.serviceUrl);
  });
});
