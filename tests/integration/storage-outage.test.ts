import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { messageActivity, postActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector, visibleText } from '../support/fake-connector';
import { call, startTestService, startTestStorage } from '../support/test-service';

const AMA = { aadObjectId: 'a0000000-0000-4000-8000-000000000001', name: 'Ama Boateng' };

let dataDir: string;
let storage: EmbeddedStorage;
let service: RunningService;
let connector: FakeConnector;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rm-outage-'));
  storage = await startTestStorage({ dataDir });
  connector = await startFakeConnector();
  service = await startTestService(storage.connectionString);
});

afterAll(async () => {
  await service.stop();
  await connector.stop();
  await storage.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function say(text: string): Promise<string> {
  connector.clear();
  expect(await postActivity(service.url, messageActivity(connector.serviceUrl, AMA, text))).toBe(
    200,
  );
  const [reply] = await connector.waitFor(1);
  return visibleText(reply!.activity);
}

describe('when storage goes away and comes back', () => {
  it('reports 503 and asks people to try again shortly, then heals without a restart', async () => {
    expect((await call(service.url, 'GET', '/healthz')).status).toBe(200);
    expect(await say('help')).toMatch(/Commands/);

    await storage.stop();

    const down = await call(service.url, 'GET', '/healthz');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', storage: 'unavailable' });
    expect(await say('help')).toMatch(
      /can't reach the programme's records just now.*try again in a few minutes/,
    );

    storage = await startTestStorage({
      dataDir,
      tablePort: storage.tablePort,
      queuePort: storage.queuePort,
    });

    expect((await call(service.url, 'GET', '/healthz')).body).toEqual({
      status: 'ok',
      storage: 'ok',
    });
    expect(await say('help')).toMatch(/Commands/);
    // What was stored before the outage is still there.
    await expect(
      service.parts.repos.conversations.getPersonal(AMA.aadObjectId),
    ).resolves.toBeDefined();
  });
});
